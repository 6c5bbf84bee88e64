using System.Text.Json.Serialization;

namespace Koperasi.Functions.Statements;

/// <summary>
/// A member's statement (laporan simpanan) for one month, read from the ledger: the same opening balances, entries,
/// running and closing balances as <c>GET /api/members/{id}/ledger</c> gives for the month's first and last day, and
/// the member's loans at the month's end.
/// </summary>
public sealed record MemberStatement(
    string CooperativeId,
    string CooperativeName,
    string TimeZone,
    string MemberId,
    string MemberName,
    string Period,
    string PeriodName,
    string From,
    string To,
    bool Closed,
    IReadOnlyList<StatementAccount> Accounts,
    StatementTotals Totals)
{
    /// <summary>The member's loans that were active in the month or received money in it (none: no loans section).</summary>
    public IReadOnlyList<StatementLoan> Loans { get; init; } = [];

    /// <summary>The member's chain head at the month's end (closed months only): the statement prints its digest, which the month's root contains.</summary>
    public Audit.MonthHead? ChainHead { get; init; }

    /// <summary>The delivery record, when a run has created one.</summary>
    public StatementRecord? Delivery { get; init; }

    [JsonIgnore]
    public bool HasActivity => Totals.OpeningBalance != 0 || Accounts.Any(a => a.Movements.Count > 0) || Loans.Count > 0;
}
