namespace Koperasi.Functions.Members;

/// <summary>What a member's exit takes from the savings for one loan: its payoff (denda, jasa due, pokok) or, for a written-off loan, the principal left to recover.</summary>
public sealed record ExitLoanSettlement(string LoanId, long Penalty, long Interest, long Principal, long Recovery)
{
    public long Total => Penalty + Interest + Principal + Recovery;
}
