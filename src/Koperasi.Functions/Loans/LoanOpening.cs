namespace Koperasi.Functions.Loans;

/// <summary>
/// A running loan brought in from the books kept before (the loans import): disbursed on <see cref="DisbursedOn"/>, with
/// its first <see cref="InstallmentsPaid"/> installments paid before the cut-over date <see cref="AsOf"/>. Its schedule is
/// rebuilt from the disbursement date by the loan's own terms (<see cref="LoanSchedule"/>), and the installments paid are
/// recorded on it under the opening's ledger id, dated their due date (or the cut-over date, for one paid ahead), so no
/// denda is ever computed on them; the principal left is what the opening posting brings into piutang_pinjaman.
/// </summary>
public sealed record LoanOpening(DateOnly AsOf, DateOnly DisbursedOn, int InstallmentsPaid)
{
    /// <summary>The schedule from the disbursement date, its first installments paid under <paramref name="openingId"/>.</summary>
    public IReadOnlyList<LoanInstallment> Schedule(LoanTerms terms, long principal, int termMonths, string openingId) =>
        terms.Schedule(principal, termMonths, DueDates.AfterDisbursement(DisbursedOn))
            .Select(i => i.Number > InstallmentsPaid ? i
                : i with { Payments = [new InstallmentPayment(openingId, i.DueDate < AsOf ? i.DueDate : AsOf, 0, i.Interest, i.Principal)] })
            .ToList();

    /// <summary>The principal left after the installments paid: the principal less their pokok parts.</summary>
    public long Outstanding(LoanTerms terms, long principal, int termMonths) =>
        principal - terms.Schedule(principal, termMonths, DueDates.AfterDisbursement(DisbursedOn)).Take(InstallmentsPaid).Sum(i => i.Principal);
}
