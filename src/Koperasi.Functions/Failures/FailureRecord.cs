namespace Koperasi.Functions.Failures;

/// <summary>
/// A message that could not be processed, as the treasurer (or the platform admin) sees it. <see cref="Error"/> is the
/// full error text of the last attempt for admins; other roles see <see cref="ForNonAdmins"/>'s safe message instead,
/// since exception text can name internals.
/// </summary>
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

    public const string SafeError = "Processing failed on every attempt and the message was set aside; an admin key shows the error and can replay it.";

    /// <summary>The record without exception text. A conflict's error is our own sentence about the id, so it stays.</summary>
    public FailureRecord ForNonAdmins() => Kind == Conflict || Error is null ? this : this with { Error = SafeError };
}
