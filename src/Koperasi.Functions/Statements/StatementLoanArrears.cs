namespace Koperasi.Functions.Statements;

/// <summary>
/// A loan's arrears (tunggakan) at the end of the statement month: days past the oldest due date with pokok or jasa
/// unpaid (0 when none), that overdue pokok and jasa, and the denda due (<see cref="Loans.LoanArrears"/>).
/// </summary>
public sealed record StatementLoanArrears(DateOnly? OldestDueDate, int DaysPastDue, long Overdue, long PenaltyDue);
