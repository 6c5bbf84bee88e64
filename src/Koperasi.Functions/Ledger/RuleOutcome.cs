namespace Koperasi.Functions.Ledger;

/// <summary>What the savings rules decided: a balanced journal and the balances after it, or a rejection.</summary>
public sealed record RuleOutcome(Rejection? Rejection, MemberBalances After, IReadOnlyList<JournalLine> Lines)
{
    public static RuleOutcome Reject(Rejection rejection, MemberBalances before) => new(rejection, before, []);

    public static RuleOutcome Post(MemberBalances after, params JournalLine[] lines) => new(null, after, lines);
}
