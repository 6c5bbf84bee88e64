using System.Numerics;

namespace Koperasi.Functions.Loans;

/// <summary>
/// The installment schedule of a loan, in whole rupiah (pure: no storage, no clock). For installment k of n, with
/// P the principal, r the monthly rate and B_k the principal still owed before installment k:
/// <list type="bullet">
/// <item>jasa_k = round-half-up to whole rupiah of P·r (flat) or B_k·r (annuity, declining);</item>
/// <item>installment_k (k &lt; n) = the method's installment rounded half up to <c>roundTo</c>: P/n + P·r (flat),
///   PMT = P·r / (1 − (1+r)^−n) (annuity), P/n + B_k·r (declining), each computed as an exact fraction;</item>
/// <item>pokok_k = installment_k − jasa_k, kept between 0 and B_k;</item>
/// <item>the last installment takes all principal left (pokok_n = B_n) plus its jasa, so the pokok parts sum to P
///   exactly and every rounding remainder lands in the last installment.</item>
/// </list>
/// DOMAIN.md's worked example (P = 10,000,000, n = 12, 150 bps) comes out to the rupiah; see docs/loans.md.
/// </summary>
public static class LoanSchedule
{
    public const int MaxTermMonths = 120;

    public static IReadOnlyList<LoanInstallment> Build(
        InterestMethod method, int monthlyRateBps, RoundingUnit roundTo, long principal, int termMonths, DueDates dueDates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(principal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(termMonths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(termMonths, MaxTermMonths);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyRateBps);

        var installments = new List<LoanInstallment>(termMonths);
        var annuity = method == InterestMethod.Annuity ? AnnuityInstallment(monthlyRateBps, roundTo, principal, termMonths) : 0;
        var owed = principal;
        for (var k = 1; k <= termMonths; k++)
        {
            var interest = BasisPoints.Of(method == InterestMethod.Flat ? principal : owed, monthlyRateBps);
            long pokok;
            if (k == termMonths)
            {
                pokok = owed;
            }
            else
            {
                var installment = method switch
                {
                    InterestMethod.Flat => EqualPrincipalPlusInterest(roundTo, principal, termMonths, principal, monthlyRateBps),
                    InterestMethod.Declining => EqualPrincipalPlusInterest(roundTo, principal, termMonths, owed, monthlyRateBps),
                    _ => annuity,
                };
                pokok = Math.Clamp(installment - interest, 0, owed);
            }
            installments.Add(new LoanInstallment(k, dueDates.For(k), pokok, interest, []));
            owed -= pokok;
        }
        return installments;
    }

    /// <summary>P/n + base·r, rounded to the unit: (P·10000 + n·base·bps) / (n·10000).</summary>
    private static long EqualPrincipalPlusInterest(RoundingUnit roundTo, long principal, int termMonths, long interestBase, int bps) =>
        roundTo.Round((BigInteger)principal * BasisPoints.Whole + (BigInteger)termMonths * interestBase * bps, (BigInteger)termMonths * BasisPoints.Whole);

    /// <summary>
    /// PMT as an exact fraction: with q = (10000 + bps) / 10000, P·r / (1 − q^−n) = P·bps·(10000+bps)^n / (10000·((10000+bps)^n − 10000^n)).
    /// A rate of 0 is P/n.
    /// </summary>
    private static long AnnuityInstallment(int bps, RoundingUnit roundTo, long principal, int termMonths)
    {
        if (bps == 0)
        {
            return roundTo.Round(principal, termMonths);
        }
        var grown = BigInteger.Pow(BasisPoints.Whole + bps, termMonths);
        var whole = BigInteger.Pow(BasisPoints.Whole, termMonths);
        return roundTo.Round((BigInteger)principal * bps * grown, BasisPoints.Whole * (grown - whole));
    }
}
