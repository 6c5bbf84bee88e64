namespace Koperasi.Functions.Failures;

/// <summary>A message that could not be processed, as the treasurer (or the platform admin) sees it.</summary>
public sealed record FailureRecord(
    string Id,
    string Queue,
    string Kind,
    string Status,
    string? TransactionId,
    string? MemberId,
    string? Error,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? PoisonedAt,
    DateTimeOffset? ReplayedAt,
    int Replays,
    string Message)
{
    public const string Poisoned = "poisoned";
    public const string Conflict = "conflict";
    public const string Replayed = "replayed";
}
