namespace Koperasi.Functions.Ledger;

/// <summary>
/// What the savings rules see of the member when they decide one posting: the balances now, whether pokok is paid,
/// whether the member exists, the posting a reversal refers to, and, per savings account, how much a debit at this
/// posting's business date can take without any running balance in the statement's order (business date, then
/// sequence) going below zero (<see cref="Available"/>); for a loan's money, the loan it names as this pass sees it.
/// </summary>
public sealed record PostingContext(
    MemberBalances Before, bool PokokPaid, ReversedPosting? Reversed, Func<string, long> Available, bool MemberKnown = true, Loans.Loan? Loan = null)
{
    /// <summary>A member with no history after this posting's date: a debit can take the balance now.</summary>
    public static PostingContext Current(MemberBalances before, bool pokokPaid, ReversedPosting? reversed = null) =>
        new(before, pokokPaid, reversed, before.Of);
}
