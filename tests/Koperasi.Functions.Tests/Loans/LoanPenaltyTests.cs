using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>Denda: grace days, one day per calendar day of the cooperative's zone, on what was unpaid, rounded once.</summary>
public sealed class LoanPenaltyTests
{
    private static readonly DateOnly Due = new(2026, 3, 10);
    private static readonly Cooperative Balikpapan = new("k1", "Koperasi Uji", "Asia/Makassar", 100_000, 50_000, DateTimeOffset.UnixEpoch);

    private static LoanInstallment Installment(params InstallmentPayment[] payments) => new(3, Due, 833_333, 150_000, payments);

    private static InstallmentPayment Paid(DateOnly date, long interest, long principal, long penalty = 0) => new("t-" + date.DayNumber, date, penalty, interest, principal);

    [Fact]
    public void Accrued_LastGraceDay_IsZero()
    {
        var denda = LoanPenalty.Accrued(Installment(), new PenaltyTerms(BpsPerDay: 10, GraceDays: 2), Due.AddDays(2));

        Assert.Equal(0, denda);
    }

    [Fact]
    public void Accrued_FirstDayAfterGrace_OneDayOfTheUnpaidInstallment()
    {
        var denda = LoanPenalty.Accrued(Installment(), new PenaltyTerms(10, 2), Due.AddDays(3));

        Assert.Equal(983, denda); // 983,333 × 0.10% = 983.333
    }

    [Fact]
    public void Accrued_TenDaysLate_TenDaysRoundedOnce()
    {
        var denda = LoanPenalty.Accrued(Installment(), new PenaltyTerms(10, 0), Due.AddDays(10));

        Assert.Equal(9_833, denda); // 10 × 983.333 = 9,833.33, not 10 × 983
    }

    [Fact]
    public void Accrued_SmallAmounts_RoundsTheSumNotEachDay()
    {
        var installment = new LoanInstallment(1, Due, 1_000, 5, []);

        var denda = LoanPenalty.Accrued(installment, new PenaltyTerms(5, 0), Due.AddDays(2));

        Assert.Equal(1, denda); // 2 × 0.5025 = 1.005; rounding each day would give 2
    }

    [Fact]
    public void Accrued_PartPaidWhileLate_EachDayOnWhatWasUnpaidAtItsStart()
    {
        var terms = new PenaltyTerms(20, 1);
        var installment = Installment(Paid(Due.AddDays(3), 150_000, 333_333), Paid(Due.AddDays(6), 0, 300_000));
        var asOf = Due.AddDays(9);

        var denda = LoanPenalty.Accrued(installment, terms, asOf);

        // Day by day, independently: a day incurs denda on what payments dated before it left unpaid.
        decimal expected = 0;
        for (var day = Due.AddDays(terms.GraceDays + 1); day <= asOf; day = day.AddDays(1))
        {
            var unpaid = installment.Total - installment.Payments.Where(p => p.Date < day).Sum(p => p.Principal + p.Interest);
            expected += unpaid * terms.BpsPerDay / 10_000m;
        }
        Assert.Equal((long)Math.Floor(expected + 0.5m), denda);
        Assert.Equal(2 * 1_966.666m + 3 * 1_000m + 3 * 400m, expected, precision: 2);
    }

    [Fact]
    public void Accrued_PaidInFullBeforeTheFirstPenaltyDay_IsZeroForEver()
    {
        var installment = Installment(Paid(Due.AddDays(2), 150_000, 833_333));

        Assert.Equal(0, LoanPenalty.Accrued(installment, new PenaltyTerms(10, 2), Due.AddDays(400)));
    }

    [Fact]
    public void Due_DendaPaidAlready_IsSubtracted()
    {
        var installment = Installment(Paid(Due.AddDays(4), 0, 0, penalty: 1_000));

        var due = LoanPenalty.Due(installment, new PenaltyTerms(10, 2), Due.AddDays(4));

        Assert.Equal(1_967 - 1_000, due);
    }

    [Fact]
    public void Due_AsOfBeforeALaterPayment_IgnoresThatPayment()
    {
        var installment = Installment(Paid(Due.AddDays(5), 150_000, 833_333, penalty: 2_950));

        Assert.Equal(1_967, LoanPenalty.Due(installment, new PenaltyTerms(10, 2), Due.AddDays(4)));
        Assert.Equal(0, LoanPenalty.Due(installment, new PenaltyTerms(10, 2), Due.AddDays(30)));
    }

    [Fact]
    public void Accrued_AcrossWitaMidnight_TheNewDayStartsAtMidnightInMakassarNotUtc()
    {
        var terms = new PenaltyTerms(10, 0);
        var justBefore = DateTimeOffset.Parse("2026-03-10T15:59:59Z", System.Globalization.CultureInfo.InvariantCulture); // 23:59:59 WITA, 10 March
        var justAfter = DateTimeOffset.Parse("2026-03-10T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture);  // 00:00:00 WITA, 11 March

        var before = LoanPenalty.Accrued(Installment(), terms, BusinessCalendar.LocalDate(justBefore, Balikpapan));
        var after = LoanPenalty.Accrued(Installment(), terms, BusinessCalendar.LocalDate(justAfter, Balikpapan));

        Assert.Equal(justBefore.UtcDateTime.Date, justAfter.UtcDateTime.Date); // both still 10 March in UTC
        Assert.Equal(0, before);
        Assert.Equal(983, after);
    }

    [Fact]
    public void Accrued_PaymentJustAfterWitaMidnight_BearsOneDayWhileOneJustBeforeBearsNone()
    {
        var terms = new PenaltyTerms(10, 0);
        var onTime = BusinessCalendar.LocalDate(DateTimeOffset.Parse("2026-03-10T15:30:00Z", System.Globalization.CultureInfo.InvariantCulture), Balikpapan); // 23:30 WITA
        var late = BusinessCalendar.LocalDate(DateTimeOffset.Parse("2026-03-10T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture), Balikpapan);   // 00:30 WITA

        var paidOnTime = LoanPenalty.Accrued(Installment(Paid(onTime, 150_000, 833_333)), terms, Due.AddDays(30));
        var paidLate = LoanPenalty.Accrued(Installment(Paid(late, 150_000, 833_333)), terms, Due.AddDays(30));

        Assert.Equal(0, paidOnTime);
        Assert.Equal(983, paidLate);
    }

    [Fact]
    public void Accrued_ZeroRate_IsZero()
    {
        Assert.Equal(0, LoanPenalty.Accrued(Installment(), new PenaltyTerms(0, 0), Due.AddDays(100)));
    }
}
