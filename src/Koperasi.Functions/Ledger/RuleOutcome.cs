namespace Koperasi.Functions.Ledger;

/// <summary>
/// What the savings rules decided: a rejection, or a balanced journal with the member's savings account it moved
/// (<see cref="Account"/>, which may differ from the one asked for), the balances after it, what of a reversed
/// posting it reversed, an <see cref="Adjustment"/> when it did not go as asked, and, for a loan's money, the loan after it.
/// </summary>
public sealed record RuleOutcome(Rejection? Rejection, MemberBalances After, IReadOnlyList<JournalLine> Lines, string Account = "",
    Adjustment? Adjustment = null, long ReversedPart = 0, Loans.Loan? Loan = null)
{
    public static RuleOutcome Reject(Rejection rejection, MemberBalances before) => new(rejection, before, []);

    public static RuleOutcome Post(string account, MemberBalances after, params JournalLine[] lines) => new(null, after, lines, account);
}
