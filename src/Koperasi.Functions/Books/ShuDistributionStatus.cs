namespace Koperasi.Functions.Books;

/// <summary>
/// A year's SHU distribution: <c>queued</c> (asked for; the fan-out has not run), <c>fanned_out</c> (every member's share
/// is on the transactions queue and the allocation entry is posted) or <c>failed</c>; and, once fanned out, how many
/// members' shares the ledger has posted, rejected (a member who exited since the year's end) or not yet decided.
/// </summary>
public sealed record ShuDistributionStatus(
    int Year,
    string Status,
    DateTimeOffset RequestedAt,
    long Shu,
    int Members,
    long MembersTotal,
    int Posted,
    int Rejected,
    int Pending,
    string? AllocationEntry,
    string? Error = null)
{
    public const string Queued = "queued";
    public const string FannedOut = "fanned_out";
    public const string Failed = "failed";
}
