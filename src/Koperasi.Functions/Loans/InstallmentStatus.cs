namespace Koperasi.Functions.Loans;

/// <summary>
/// An installment as of a date: <c>proposed</c> (the loan is not disbursed, so nothing is due yet), <c>upcoming</c>,
/// <c>due</c> (today), <c>overdue</c> (its date has passed with pokok, jasa or denda unpaid) or <c>paid</c>.
/// </summary>
public enum InstallmentStatus
{
    Proposed,
    Upcoming,
    Due,
    Overdue,
    Paid,
}
