namespace Koperasi.Functions.Loans;

/// <summary>One installment in an API answer, as of the answer's date.</summary>
public sealed record InstallmentView(
    int Number, DateOnly DueDate, long Principal, long Interest, long Total,
    long PaidPrincipal, long PaidInterest, long PaidPenalty, long PenaltyDue, InstallmentStatus Status)
{
    public static InstallmentView Of(LoanInstallment installment, PenaltyTerms penalty, DateOnly? disbursedOn, DateOnly asOf)
    {
        var standing = installment.AsOf(asOf);
        var penaltyDue = disbursedOn is null ? 0 : LoanPenalty.Due(installment, penalty, asOf);
        var status = disbursedOn is null ? InstallmentStatus.Proposed
            : standing.Unpaid == 0 && penaltyDue == 0 ? InstallmentStatus.Paid
            : installment.DueDate < asOf ? InstallmentStatus.Overdue
            : installment.DueDate == asOf ? InstallmentStatus.Due
            : InstallmentStatus.Upcoming;
        return new InstallmentView(installment.Number, installment.DueDate, installment.Principal, installment.Interest, installment.Total,
            standing.PaidPrincipal, standing.PaidInterest, standing.PaidPenalty, penaltyDue, status);
    }
}
