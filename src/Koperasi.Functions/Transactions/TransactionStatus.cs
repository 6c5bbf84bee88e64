namespace Koperasi.Functions.Transactions;

/// <summary>
/// The answer of <c>GET /api/transactions/{id}</c>: queued, posted (with balances after, the account it landed in
/// and any adjustment), rejected (with the reason) or failed (poisoned: with the failure id to replay it).
/// </summary>
public sealed record TransactionStatus(
    string Id,
    string Status,
    string MemberId,
    string Kind,
    string Account,
    long Amount,
    DateTimeOffset OccurredAt,
    string? BusinessDate = null,
    IReadOnlyDictionary<string, long>? BalancesAfter = null,
    StatusReason? Reason = null,
    StatusReason? Adjustment = null,
    string? PostedAccount = null,
    string? FailureId = null)
{
    public const string Failed = "failed";
    /// <summary>Not a status of its own: the list of posted transactions that carry an <see cref="Adjustment"/>.</summary>
    public const string Adjusted = "adjusted";
    public const string Queued = "queued";
    public const string Posted = "posted";
    public const string Rejected = "rejected";
}
