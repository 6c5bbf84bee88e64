namespace Koperasi.Functions.Ledger;

/// <summary>One entry of a member's ledger with the running balance of every member account after it (and the loan it moved, if any).</summary>
public sealed record LedgerLine(
    long Sequence,
    string TransactionId,
    string BusinessDate,
    DateTimeOffset OccurredAt,
    string Kind,
    string Account,
    long Amount,
    long Change,
    string? Reference,
    string? Description,
    string Source,
    IReadOnlyDictionary<string, long> Balances,
    string? LoanId = null);
