namespace Koperasi.Functions.Ledger;

/// <summary>A member's entries for a period: opening balances, the entries in order with running balances, closing balances.</summary>
public sealed record MemberLedger(
    string MemberId,
    string From,
    string To,
    IReadOnlyDictionary<string, long> OpeningBalances,
    IReadOnlyList<LedgerLine> Items,
    IReadOnlyDictionary<string, long> ClosingBalances,
    string? ContinuationToken);
