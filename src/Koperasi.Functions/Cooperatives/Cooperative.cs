namespace Koperasi.Functions.Cooperatives;

/// <summary>A cooperative (koperasi): the tenant every record belongs to.</summary>
public sealed record Cooperative(string Id, string Name, string TimeZone, long SimpananPokokAmount, long SimpananWajibAmount, DateTimeOffset CreatedAt)
{
    public const string DefaultTimeZone = "Asia/Makassar";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
