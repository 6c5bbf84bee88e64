using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>Schedules against DOMAIN.md's worked example (P = Rp10.000.000, 12 months, 1,5% a month), to the rupiah.</summary>
public sealed class LoanScheduleTests
{
    private const long P = 10_000_000;
    private static readonly DueDates From = DueDates.AfterDisbursement(new DateOnly(2026, 1, 15));

    private static IReadOnlyList<LoanInstallment> Worked(InterestMethod method) =>
        LoanSchedule.Build(method, 150, RoundingUnit.WholeRupiah, P, 12, From);

    [Fact]
    public void Build_FlatWorkedExample_PokokElevenTimes833333AndTheLast833337()
    {
        var schedule = Worked(InterestMethod.Flat);

        Assert.All(schedule.Take(11), i => Assert.Equal((833_333L, 150_000L, 983_333L), (i.Principal, i.Interest, i.Total)));
        Assert.Equal((833_337L, 150_000L, 983_337L), (schedule[11].Principal, schedule[11].Interest, schedule[11].Total));
        Assert.Equal(1_800_000, schedule.Sum(i => i.Interest));
        Assert.Equal(P, schedule.Sum(i => i.Principal));
    }

    [Fact]
    public void Build_AnnuityWorkedExample_Pmt916800AndTheDomainsMonths()
    {
        var schedule = Worked(InterestMethod.Annuity);

        Assert.All(schedule.Take(11), i => Assert.Equal(916_800, i.Total));
        Assert.Equal((150_000L, 766_800L), (schedule[0].Interest, schedule[0].Principal));
        Assert.Equal((138_498L, 778_302L), (schedule[1].Interest, schedule[1].Principal));
        Assert.Equal((13_549L, 903_250L), (schedule[11].Interest, schedule[11].Principal));
        Assert.Equal(916_799, schedule[11].Total);
        Assert.Equal(1_001_599, schedule.Sum(i => i.Interest)); // DOMAIN.md: "≈ 1,001,600" (PMT·n − P with the rounded PMT)
        Assert.Equal(P, schedule.Sum(i => i.Principal));
    }

    [Fact]
    public void Build_DecliningWorkedExample_Pokok833333AndInstallmentsFallFrom983333To845833()
    {
        var schedule = Worked(InterestMethod.Declining);

        Assert.All(schedule.Take(11), i => Assert.Equal(833_333, i.Principal));
        for (var k = 1; k <= 11; k++)
        {
            Assert.Equal(983_333 - (k - 1) * 12_500, schedule[k - 1].Total);
        }
        // The last installment is DOMAIN.md's 845,833 (pokok 833,333 + jasa 12,500) plus the 4 rupiah of principal that
        // eleven roundings of 833,333.33 left over, which the last installment absorbs.
        Assert.Equal((833_337L, 12_500L, 845_837L), (schedule[11].Principal, schedule[11].Interest, schedule[11].Total));
        Assert.Equal(845_833 + (P - 12 * 833_333), schedule[11].Total);
        Assert.Equal(975_000, schedule.Sum(i => i.Interest));
        Assert.Equal(P, schedule.Sum(i => i.Principal));
    }

    [Fact]
    public void Build_FlatRoundedToRp1000_InstallmentsAreMultiplesAndTheLastAbsorbs()
    {
        var schedule = LoanSchedule.Build(InterestMethod.Flat, 150, RoundingUnit.Of(1000), P, 12, From);

        Assert.All(schedule.Take(11), i => Assert.Equal((983_000L, 833_000L), (i.Total, i.Principal)));
        Assert.Equal(P - 11 * 833_000, schedule[11].Principal);
        Assert.Equal(987_000, schedule[11].Total);
    }

    [Fact]
    public void DueDates_DisbursedOnThe31st_LastDayOfShortMonthsAndBackToThe31st()
    {
        var dates = DueDates.AfterDisbursement(new DateOnly(2026, 12, 31));

        Assert.Equal(
            [new(2027, 1, 31), new(2027, 2, 28), new(2027, 3, 31), new(2027, 4, 30), new(2027, 5, 31), new(2027, 6, 30)],
            Enumerable.Range(1, 6).Select(dates.For).ToArray());
    }

    [Fact]
    public void DueDates_LeapYear_FebruaryEndsOnThe29th()
    {
        var dates = DueDates.AfterDisbursement(new DateOnly(2028, 1, 30));

        Assert.Equal([new(2028, 2, 29), new(2028, 3, 30), new(2028, 4, 30)], Enumerable.Range(1, 3).Select(dates.For).ToArray());
    }

    [Fact]
    public void DueDates_ChosenFirstDueDate_KeepsItsDayEveryMonth()
    {
        var dates = DueDates.StartingOn(new DateOnly(2026, 11, 25));

        Assert.Equal([new(2026, 11, 25), new(2026, 12, 25), new(2027, 1, 25), new(2027, 2, 25)], Enumerable.Range(1, 4).Select(dates.For).ToArray());
    }

    [Fact]
    public void Build_Schedule_UsesTheDueDatesInOrder()
    {
        var schedule = Worked(InterestMethod.Flat);

        Assert.Equal(Enumerable.Range(1, 12).Select(From.For), schedule.Select(i => i.DueDate));
        Assert.Equal(Enumerable.Range(1, 12), schedule.Select(i => i.Number));
    }

    [Theory]
    [InlineData(InterestMethod.Flat)]
    [InlineData(InterestMethod.Annuity)]
    [InlineData(InterestMethod.Declining)]
    public void Build_PrincipalSmallAgainstTheRoundingUnit_StillSumsExactlyWithNoNegativePart(InterestMethod method)
    {
        var schedule = LoanSchedule.Build(method, 200, RoundingUnit.Of(1000), 50_000, 60, From);

        Assert.Equal(50_000, schedule.Sum(i => i.Principal));
        Assert.All(schedule, i => Assert.True(i.Principal >= 0 && i.Interest >= 0, $"installment {i.Number}: {i}"));
    }

    [Theory]
    [InlineData(InterestMethod.Flat)]
    [InlineData(InterestMethod.Annuity)]
    [InlineData(InterestMethod.Declining)]
    public void Build_ZeroRate_NoJasaAndEqualInstallments(InterestMethod method)
    {
        var schedule = LoanSchedule.Build(method, 0, RoundingUnit.WholeRupiah, 1_200_000, 12, From);

        Assert.All(schedule, i => Assert.Equal((100_000L, 0L), (i.Principal, i.Interest)));
    }
}
