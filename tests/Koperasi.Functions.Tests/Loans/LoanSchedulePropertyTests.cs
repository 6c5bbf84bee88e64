using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>
/// Schedules of all three methods over 1-60 months and rounding units 1, 100 and 1,000, against an independent
/// computation written here in decimal arithmetic (the app uses exact BigInteger fractions) and against the formulas.
/// Principals are at least n²·unit: below that, rounding every installment up could use the principal up before the
/// last month (a separate test covers that such schedules still sum to P).
/// </summary>
public sealed class LoanSchedulePropertyTests
{
    private static readonly DueDates From = DueDates.AfterDisbursement(new DateOnly(2026, 1, 31));

    public static TheoryData<InterestMethod, long> Cases()
    {
        var data = new TheoryData<InterestMethod, long>();
        foreach (var method in Enum.GetValues<InterestMethod>())
        {
            foreach (var unit in RoundingUnit.Allowed)
            {
                data.Add(method, unit);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_RandomLoans_MatchIndependentComputationAndFormulas(InterestMethod method, long unit)
    {
        var random = new Random(20261130 + (int)method * 7 + (int)unit);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = random.Next(1, 61);
            var bps = random.Next(0, 301);
            var principal = random.NextInt64(Math.Max(n * n * unit, 100_000), 500_000_001);

            var schedule = LoanSchedule.Build(method, bps, RoundingUnit.Of(unit), principal, n, From);

            var label = $"{method} P={principal} n={n} r={bps}bps unit={unit}";
            Assert.Equal(Independent(method, bps, unit, principal, n), schedule.Select(i => (i.Principal, i.Interest)).ToList());
            AssertFormulas(method, bps, unit, principal, n, schedule, label);
        }
    }

    private static void AssertFormulas(InterestMethod method, int bps, long unit, long principal, int n, IReadOnlyList<LoanInstallment> schedule, string label)
    {
        var r = bps / 10_000m;
        Assert.Equal(n, schedule.Count);
        Assert.True(schedule.Sum(i => i.Principal) == principal, $"{label}: principal parts sum to {schedule.Sum(i => i.Principal)}");
        Assert.All(schedule, i => Assert.True(i.Principal >= 0 && i.Interest >= 0, $"{label}: negative part in {i}"));
        Assert.True(schedule.Zip(schedule.Skip(1)).All(p => p.First.DueDate < p.Second.DueDate), $"{label}: due dates not increasing");

        var pmt = method == InterestMethod.Annuity ? Pmt(principal, bps, n) : 0d;
        var owed = (decimal)principal;
        foreach (var i in schedule)
        {
            var interestBase = method == InterestMethod.Flat ? principal : owed;
            Assert.True(Math.Abs(i.Interest - r * interestBase) <= 0.5m, $"{label}: jasa {i.Interest} of #{i.Number} is not r × {interestBase}");
            if (i.Number < n)
            {
                var formula = method switch
                {
                    InterestMethod.Annuity => (decimal)pmt,
                    _ => (decimal)principal / n + r * interestBase,
                };
                Assert.True(Math.Abs(i.Total - formula) <= unit / 2m + 0.0001m, $"{label}: installment {i.Total} of #{i.Number} is more than half a unit from {formula}");
                Assert.True(i.Total % unit == 0, $"{label}: installment {i.Total} of #{i.Number} is not a multiple of {unit}");
            }
            owed -= i.Principal;
        }
        if (method == InterestMethod.Flat)
        {
            Assert.True(Math.Abs(schedule.Sum(i => i.Interest) - principal * r * n) <= n / 2m, $"{label}: total jasa is not P·r·n");
        }
        if (method == InterestMethod.Declining && unit == 1)
        {
            // Each pokok is within a rupiah of P/n, so the principal owed drifts by at most k−1 rupiah by month k.
            var tolerance = n / 2m + r * n * (n - 1) / 2m;
            Assert.True(Math.Abs(schedule.Sum(i => i.Interest) - principal * r * (n + 1) / 2m) <= tolerance, $"{label}: total jasa is not P·r·(n+1)/2");
        }
    }

    /// <summary>The documented rule, in decimal: round half up with Math.Floor(x / unit + 0.5).</summary>
    private static List<(long Principal, long Interest)> Independent(InterestMethod method, int bps, long unit, long principal, int n)
    {
        var r = bps / 10_000m;
        var rows = new List<(long, long)>();
        var owed = principal;
        var annuity = method == InterestMethod.Annuity ? Round(bps == 0 ? (decimal)principal / n : principal * r / (1 - 1 / Power(1 + r, n)), unit) : 0;
        for (var k = 1; k <= n; k++)
        {
            var interest = Round(r * (method == InterestMethod.Flat ? principal : owed), 1);
            var installment = method switch
            {
                InterestMethod.Flat => Round((decimal)principal / n + r * principal, unit),
                InterestMethod.Declining => Round((decimal)principal / n + r * owed, unit),
                _ => annuity,
            };
            var pokok = k == n ? owed : Math.Min(Math.Max(installment - interest, 0), owed);
            rows.Add((pokok, interest));
            owed -= pokok;
        }
        return rows;
    }

    private static long Round(decimal amount, long unit) => (long)Math.Floor(amount / unit + 0.5m) * unit;

    private static decimal Power(decimal x, int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= x;
        }
        return result;
    }

    /// <summary>PMT in floating point, from the textbook formula, as a third opinion.</summary>
    private static double Pmt(long principal, int bps, int n) =>
        bps == 0 ? (double)principal / n : principal * (bps / 10_000d) / (1 - Math.Pow(1 + bps / 10_000d, -n));
}
