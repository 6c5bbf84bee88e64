using System.Text.Json.Serialization;

namespace Koperasi.Functions.Cooperatives;

/// <summary>A cooperative (koperasi): the tenant every record belongs to.</summary>
public sealed record Cooperative(string Id, string Name, string TimeZone, long SimpananPokokAmount, long SimpananWajibAmount, DateTimeOffset CreatedAt)
{
    public const string DefaultTimeZone = "Asia/Makassar";

    // A convenience for code, not part of the API's answer (GET /api/cooperative serializes this record).
    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
