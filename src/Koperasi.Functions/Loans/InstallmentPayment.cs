namespace Koperasi.Functions.Loans;

/// <summary>
/// What one repayment paid toward one installment, on its business date (in the cooperative's zone). Kept per
/// installment because denda depends on what was unpaid on each day; appended by repayment posting, never edited.
/// </summary>
public sealed record InstallmentPayment(string TransactionId, DateOnly Date, long Penalty, long Interest, long Principal);
