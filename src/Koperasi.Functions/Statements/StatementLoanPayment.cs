namespace Koperasi.Functions.Statements;

/// <summary>One repayment of a loan in the statement month, split as it was allocated: pokok, jasa and denda.</summary>
public sealed record StatementLoanPayment(DateOnly Date, string TransactionId, long Principal, long Interest, long Penalty)
{
    public long Total => Principal + Interest + Penalty;
}
