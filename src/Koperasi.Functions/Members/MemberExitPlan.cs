using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Members;

/// <summary>
/// What a member's exit posts on a date (<see cref="MemberExitRules.Plan"/>): the refusal, or the one journal (every
/// savings balance out, the loans' payoff credited, the rest paid out through kas), the loans after it, and the figures.
/// </summary>
public sealed record MemberExitPlan(
    Rejection? Refusal,
    MemberBalances Savings,
    IReadOnlyList<ExitLoanSettlement> Loans,
    IReadOnlyList<Loan> LoansAfter,
    IReadOnlyList<JournalLine> Lines)
{
    /// <summary>What the member owed and the exit settles from the savings.</summary>
    public long Owed => Loans.Sum(l => l.Total);

    /// <summary>What the cooperative pays the member through kas.</summary>
    public long Payout => Lines.Where(l => l.Account == ChartOfAccounts.Kas).Sum(l => l.Credit);

    public static MemberExitPlan Refused(Rejection refusal, MemberBalances savings, IReadOnlyList<ExitLoanSettlement> loans) => new(refusal, savings, loans, [], []);
}
