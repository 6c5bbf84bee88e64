namespace Koperasi.Functions.Loans;

/// <summary>A loan in an API answer, as of a date (<c>asOf</c>, in the cooperative's zone): its schedule with what is paid and due.</summary>
public sealed record LoanDetails(
    string Id,
    string MemberId,
    string ProductCode,
    LoanStatus Status,
    long Principal,
    int TermMonths,
    DateOnly FirstDueDate,
    long AdminFee,
    long NetDisbursement,
    long TotalInterest,
    LoanTerms Terms,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    DateTimeOffset? RejectedAt,
    string? RejectedBy,
    string? RejectionReason,
    DateOnly? DisbursedOn,
    DateOnly? ClosedOn,
    DateOnly? WrittenOffOn,
    long WrittenOffPrincipal,
    long Recovered,
    DateOnly AsOf,
    long OutstandingPrincipal,
    long PenaltyDue,
    PayoffQuote? Payoff,
    IReadOnlyList<InstallmentView> Schedule)
{
    public static LoanDetails Of(Loan loan, DateOnly asOf)
    {
        var schedule = loan.Schedule.Select(i => InstallmentView.Of(i, loan.Terms.Penalty, loan.DisbursedOn, asOf)).ToList();
        var payoff = loan is { Status: LoanStatus.Active, DisbursedOn: { } disbursedOn }
            ? LoanPayoff.Quote(loan.Schedule, disbursedOn, loan.Terms.Penalty, asOf)
            : null;
        return new LoanDetails(
            loan.Id, loan.MemberId, loan.Application.ProductCode, loan.Status, loan.Application.Principal, loan.Application.TermMonths,
            loan.Schedule[0].DueDate, loan.AdminFee, loan.Application.Principal - loan.AdminFee, loan.Schedule.Sum(i => i.Interest), loan.Terms,
            loan.SubmittedAt, loan.SubmittedBy, loan.UpdatedAt, loan.ApprovedAt, loan.ApprovedBy, loan.RejectedAt, loan.RejectedBy, loan.RejectionReason,
            loan.DisbursedOn, loan.ClosedOn, loan.WrittenOffOn, loan.WrittenOffPrincipal, loan.Recoveries.Sum(r => r.Amount), asOf,
            loan.Status == LoanStatus.WrittenOff ? 0 : schedule.Sum(i => i.Principal - i.PaidPrincipal), schedule.Sum(i => i.PenaltyDue), payoff, schedule);
    }
}
