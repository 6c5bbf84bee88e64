namespace Koperasi.Functions.Ledger;

/// <summary>
/// What the savings rules decided: a rejection, or a balanced journal with the member's savings account it moved
/// (<see cref="Account"/>, which may differ from the one asked for), the balances after it, what of a reversed
/// posting it reversed, an <see cref="Adjustment"/> when it did not go as asked, and, for a loan's money, the loan after it
/// (a member's exit settles every loan of the member: <see cref="SettledLoans"/>).
/// </summary>
public sealed record RuleOutcome(Rejection? Rejection, MemberBalances After, IReadOnlyList<JournalLine> Lines, string Account = "",
    Adjustment? Adjustment = null, long ReversedPart = 0, Loans.Loan? Loan = null)
{
    /// <summary>The loans a member's exit paid off or recovered, each written with the balances (If-Match the ETag read).</summary>
    public IReadOnlyList<Loans.Loan> SettledLoans { get; init; } = [];

    public static RuleOutcome Reject(Rejection rejection, MemberBalances before) => new(rejection, before, []);

    public static RuleOutcome Post(string account, MemberBalances after, params JournalLine[] lines) => new(null, after, lines, account);
}
