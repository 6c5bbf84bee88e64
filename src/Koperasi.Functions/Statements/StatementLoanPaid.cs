namespace Koperasi.Functions.Statements;

/// <summary>A loan's repayments of the statement month together: pokok, jasa, denda and their sum.</summary>
public sealed record StatementLoanPaid(long Principal, long Interest, long Penalty)
{
    public long Total => Principal + Interest + Penalty;
}
