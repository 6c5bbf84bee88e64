namespace Koperasi.Functions.Transactions;

/// <summary>The answer of <c>GET /api/transactions/{id}</c>.</summary>
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
    StatusReason? Reason = null)
{
    public const string Queued = "queued";
    public const string Posted = "posted";
    public const string Rejected = "rejected";
}
