namespace Koperasi.Functions.Loans;

/// <summary>
/// What is owed on each installment of a disbursed loan as of a date, by the payoff rule (pure):
/// <list type="bullet">
/// <item>denda: <see cref="LoanPenalty.Due"/>;</item>
/// <item>jasa: the unpaid jasa of every installment whose period has begun, in full (not prorated). Installment k's period
///   runs from the day after the previous due date (the disbursement date for k = 1) through its own due date, so on the
///   disbursement date itself no jasa is owed, and from the day after a due date the next installment's jasa is;</item>
/// <item>pokok: all unpaid principal, of every installment.</item>
/// </list>
/// Jasa of periods not yet begun is not owed: a loan paid off early never pays it, and a prepayment goes to pokok.
/// The sum is the payoff amount; repayment allocation fills these amounts and nothing more.
/// </summary>
public static class LoanDues
{
    public static IReadOnlyList<InstallmentAmounts> AsOf(IReadOnlyList<LoanInstallment> schedule, DateOnly disbursedOn, PenaltyTerms penalty, DateOnly asOf)
    {
        var dues = new List<InstallmentAmounts>(schedule.Count);
        var periodStart = disbursedOn; // the period of an installment begins the day after this date
        foreach (var installment in schedule.OrderBy(i => i.Number))
        {
            var standing = installment.AsOf(asOf);
            var begun = periodStart < asOf;
            dues.Add(new InstallmentAmounts(
                installment.Number,
                LoanPenalty.Due(installment, penalty, asOf),
                begun ? Math.Max(0, standing.Interest - standing.PaidInterest) : 0,
                Math.Max(0, standing.Principal - standing.PaidPrincipal)));
            periodStart = installment.DueDate;
        }
        return dues;
    }
}
