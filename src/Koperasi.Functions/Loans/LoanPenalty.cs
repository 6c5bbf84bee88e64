using System.Numerics;

namespace Koperasi.Functions.Loans;

/// <summary>
/// Denda, pure. The rule, in calendar days of the cooperative's time zone:
/// <list type="bullet">
/// <item>an installment due on day D is on time if paid by the end of D + grace (grace = <c>penaltyGraceDays</c>);</item>
/// <item>each day d from D + grace + 1 on incurs, at its start (00:00 local), <c>penaltyBpsPerDay</c> of the pokok and jasa
///   of the installment still unpaid at that moment, that is after every payment dated before d;</item>
/// <item>a payment dated d (its business date) therefore still bears day d's denda on what it pays, and stops denda from d + 1;</item>
/// <item>the denda accrued as of a date A is the sum over days D + grace + 1 … A of unpaid × bps / 10,000, rounded half up to
///   whole rupiah once (not day by day), so it never decreases from one day to the next; denda is never charged on denda.</item>
/// </list>
/// </summary>
public static class LoanPenalty
{
    /// <summary>The first day that incurs denda for an installment due on <paramref name="dueDate"/>.</summary>
    public static DateOnly FirstPenaltyDay(DateOnly dueDate, int graceDays) => dueDate.AddDays(graceDays + 1);

    /// <summary>All denda the installment has incurred from its first penalty day through <paramref name="asOf"/>, paid or not.</summary>
    public static long Accrued(LoanInstallment installment, PenaltyTerms terms, DateOnly asOf)
    {
        var first = FirstPenaltyDay(installment.DueDate, terms.GraceDays).DayNumber;
        var end = asOf.DayNumber + 1; // days [first, end)
        if (terms.BpsPerDay == 0 || end <= first)
        {
            return 0;
        }
        BigInteger rupiahDays = 0;
        var unpaid = installment.Total;
        var from = first;
        foreach (var payment in installment.Payments.OrderBy(p => p.Date))
        {
            // A payment dated d lowers what is unpaid from the start of d + 1.
            var effective = Math.Min(payment.Date.DayNumber + 1, end);
            if (effective > from)
            {
                rupiahDays += (BigInteger)unpaid * (effective - from);
                from = effective;
            }
            unpaid -= payment.Principal + payment.Interest;
        }
        rupiahDays += (BigInteger)Math.Max(unpaid, 0) * Math.Max(end - from, 0);
        return RoundingUnit.WholeRupiah.Round(rupiahDays * terms.BpsPerDay, BasisPoints.Whole);
    }

    /// <summary>Denda still to pay as of <paramref name="asOf"/>: accrued less what payments dated by then paid and what was waived by then.</summary>
    public static long Due(LoanInstallment installment, PenaltyTerms terms, DateOnly asOf)
    {
        var standing = installment.AsOf(asOf);
        return Math.Max(0, Accrued(standing, terms, asOf) - standing.PaidPenalty - standing.WaivedPenalty);
    }
}
