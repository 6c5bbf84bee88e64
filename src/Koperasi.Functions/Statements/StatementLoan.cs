using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Statements;

/// <summary>
/// One loan on a member's statement, as it stood at the end of the month (every figure leaves out payments and waivers
/// dated after it): the status then, the principal still owed, the month's repayments split into pokok, jasa and denda,
/// the next installment and the arrears. <see cref="Recovered"/> is money received in the month after a write-off
/// (recovery income, not split).
/// </summary>
public sealed record StatementLoan(
    string LoanId,
    string ProductCode,
    string ProductName,
    LoanStatus Status,
    long Principal,
    DateOnly DisbursedOn,
    long OutstandingPrincipal,
    StatementLoanPaid Paid,
    IReadOnlyList<StatementLoanPayment> Payments,
    long Recovered,
    StatementNextInstallment? NextInstallment,
    StatementLoanArrears? Arrears)
{
    /// <summary>The loans the statement shows, oldest disbursement first.</summary>
    public static IReadOnlyList<StatementLoan> For(IEnumerable<Loan> loans, StatementPeriod period) =>
        loans.Select(l => Of(l, period)).OfType<StatementLoan>().OrderBy(l => l.DisbursedOn).ThenBy(l => l.LoanId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The loan on the statement of <paramref name="period"/>, or null when it has no place there: not disbursed by the
    /// month's end, or closed or written off before the month began with no money received in it.
    /// </summary>
    public static StatementLoan? Of(Loan loan, StatementPeriod period)
    {
        if (loan.DisbursedOn is not { } disbursedOn || disbursedOn > period.Last)
        {
            return null;
        }
        bool InPeriod(DateOnly date) => date >= period.First && date <= period.Last;

        // The month's split comes from the schedule's payments, not from the repayment journals: the loan row is read
        // anyway and carries the split per installment, and GET /api/ledger/check proves per loan that these payments
        // equal the journals' Cr pendapatan_denda / pendapatan_jasa_pinjaman / piutang_pinjaman. A payment carries the date
        // it was allocated as of: its business date, or the loan's later payment date when it arrived after a later-dated
        // one (docs/loans.md); in that rare case it shows in the month of that later date.
        var payments = loan.Schedule.SelectMany(i => i.Payments).Where(p => InPeriod(p.Date))
            .GroupBy(p => p.TransactionId, StringComparer.Ordinal)
            .Select(g => new StatementLoanPayment(g.First().Date, g.Key, g.Sum(p => p.Principal), g.Sum(p => p.Interest), g.Sum(p => p.Penalty)))
            .OrderBy(p => p.Date)
            .ToList();
        var recovered = loan.Recoveries.Where(r => InPeriod(r.Date)).Sum(r => r.Amount);
        var activeInPeriod = !(loan.ClosedOn < period.First) && !(loan.WrittenOffOn < period.First);
        if (!activeInPeriod && payments.Count == 0 && recovered == 0)
        {
            return null;
        }

        var status = StatusAt(loan, period.Last);
        var standing = loan.Schedule.Select(i => i.AsOf(period.Last)).OrderBy(i => i.Number).ToList();
        var next = status == LoanStatus.Active
            ? standing.Where(i => i.DueDate > period.Last && i.Unpaid > 0).Select(i => new StatementNextInstallment(i.Number, i.DueDate, i.Unpaid)).FirstOrDefault()
            : null;
        var arrears = status == LoanStatus.Active && LoanArrears.Of(loan, period.Last) is var a
            ? new StatementLoanArrears(a.OldestDueDate, a.DaysPastDue, a.Overdue, a.PenaltyDue)
            : null;
        return new StatementLoan(loan.Id, loan.Application.ProductCode, loan.Terms.ProductName, status, loan.Application.Principal, disbursedOn,
            status == LoanStatus.WrittenOff ? 0 : standing.Sum(i => i.Principal - i.PaidPrincipal),
            new StatementLoanPaid(payments.Sum(p => p.Principal), payments.Sum(p => p.Interest), payments.Sum(p => p.Penalty)),
            payments, recovered, next, arrears);
    }

    /// <summary>The loan's status at the end of <paramref name="date"/>: lifecycle steps are forward only and dated.</summary>
    private static LoanStatus StatusAt(Loan loan, DateOnly date) =>
        loan.WrittenOffOn <= date ? LoanStatus.WrittenOff : loan.ClosedOn <= date ? LoanStatus.Closed : LoanStatus.Active;
}
