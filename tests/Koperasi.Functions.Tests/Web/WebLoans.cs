using System.Text.Json;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Web;

/// <summary>
/// Loans for the page's tests, set up through the API (LoanSteps): DOMAIN.md's flat example, 10,000,000 over 12 months at
/// 150 bps, and its figures computed here from the formula, not read from the app.
/// </summary>
public static class WebLoans
{
    public const long Principal = 10_000_000;
    public const int Months = 12;
    public const int RateBps = 150;

    /// <summary>Jasa of a month: P × r, rounded half up to the rupiah (150,000).</summary>
    public static long Jasa => (long)Math.Round(Principal * RateBps / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>A month's installment before the last: P / n + P × r, rounded half up to the rupiah (983,333).</summary>
    public static long Installment => (long)Math.Round((decimal)Principal / Months + Principal * RateBps / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>The pokok an installment pays: installment − jasa (833,333).</summary>
    public static long Pokok => Installment - Jasa;

    /// <summary>Today in WITA, the test cooperatives' zone (the page's "today").</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(LoanSteps.Wita).DateTime);

    /// <summary>The product <c>UMUM</c> of DOMAIN.md's example with the given denda per day.</summary>
    public static async Task ProductAsync(TestCooperative coop, int penaltyBpsPerDay)
    {
        var product = LoanJson.Product();
        product["penaltyBpsPerDay"] = penaltyBpsPerDay;
        await LoanJson.PutProductAsync(coop, product: product);
    }

    /// <summary>Submits, approves and disburses a loan of <see cref="Principal"/> over <see cref="Months"/> at 10:00 WITA on a past date.</summary>
    public static Task<JsonElement> DisbursedAsync(TestCooperative coop, string loanId, string memberId, DateOnly on) =>
        LoanSteps.ActiveLoanAsync(coop, loanId, memberId, LoanSteps.At(on.Year, on.Month, on.Day), Principal, Months);
}
