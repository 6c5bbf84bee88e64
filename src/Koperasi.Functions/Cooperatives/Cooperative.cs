using System.Text.Json.Serialization;

namespace Koperasi.Functions.Cooperatives;

/// <summary>A cooperative (koperasi): the tenant every record belongs to.</summary>
public sealed record Cooperative(string Id, string Name, string TimeZone, long SimpananPokokAmount, long SimpananWajibAmount, DateTimeOffset CreatedAt)
{
    /// <summary>The last month whose statements have started (closed for postings): its first day, or null if none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly? ClosedThrough { get; init; }

    /// <summary>What a member's exit does about loans not yet settled (PUT /api/exit-policy): refuse, the default, or settle them from the savings.</summary>
    [JsonIgnore]
    public Members.ExitLoanPolicy ExitPolicy { get; init; } = Members.ExitLoanPolicy.Refuse;

    public const string DefaultTimeZone = "Asia/Makassar";

    // A convenience for code, not part of the API's answer (GET /api/cooperative serializes this record).
    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
