using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Books;

/// <summary>Steps the report tests share: postings through the real intake, the loans' split read from the loans, the reports' JSON.</summary>
public static class ReportSteps
{
    /// <summary>A savings deposit or withdrawal through intake and the queue; it must post.</summary>
    public static async Task SavingsAsync(TestCooperative coop, string member, string kind, string account, long amount, DateOnly date)
    {
        var id = Postings.NewId();
        var body = new { id, memberId = member, kind, account, amount, occurredAt = LoanSteps.Instant(LoanSteps.At(date.Year, date.Month, date.Day)) };
        var response = await coop.Admin.PostAsJsonAsync("/api/transactions", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, id);
        Assert.True(status.GetProperty("status").GetString() == "posted", status.ToString());
    }

    /// <summary>What a loan's repayments had paid by a date (pokok, jasa, denda), summed over its installments.</summary>
    public static async Task<(long Principal, long Interest, long Penalty)> PaidAsync(TestCooperative coop, string loanId, DateOnly asOf)
    {
        var loan = await LoanSteps.LoanAsync(coop, loanId, asOf);
        var schedule = loan.GetProperty("schedule").EnumerateArray().ToList();
        return (schedule.Sum(i => i.GetProperty("paidPrincipal").GetInt64()), schedule.Sum(i => i.GetProperty("paidInterest").GetInt64()),
            schedule.Sum(i => i.GetProperty("paidPenalty").GetInt64()));
    }

    public static Task<JsonElement> FinancialPositionAsync(TestCooperative coop, DateOnly asOf) =>
        coop.Admin.GetFromJsonAsync<JsonElement>($"/api/reports/financial-position?asOf={Date(asOf)}");

    public static Task<JsonElement> IncomeAsync(TestCooperative coop, DateOnly from, DateOnly to) =>
        coop.Admin.GetFromJsonAsync<JsonElement>($"/api/reports/income?from={Date(from)}&to={Date(to)}");

    public static Task<JsonElement> EquityChangesAsync(TestCooperative coop, int year) =>
        coop.Admin.GetFromJsonAsync<JsonElement>($"/api/reports/equity-changes?year={year}");

    /// <summary>The app's trial balance as of a date: code → (debit, credit).</summary>
    public static async Task<Dictionary<string, (long Debit, long Credit)>> TrialBalanceAsync(TestCooperative coop, DateOnly asOf)
    {
        var trial = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/ledger/trial-balance?asOf={Date(asOf)}");
        return trial.GetProperty("accounts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("code").GetString()!, a => (a.GetProperty("debit").GetInt64(), a.GetProperty("credit").GetInt64()), StringComparer.Ordinal);
    }

    /// <summary>A section's lines as code → amount.</summary>
    public static Dictionary<string, long> Lines(JsonElement section) =>
        section.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!, l => l.GetProperty("amount").GetInt64(), StringComparer.Ordinal);

    /// <summary>A row of the equity changes: opening, additions, deductions, year close, closing.</summary>
    public static (long, long, long, long, long) Row(JsonElement row) => (row.GetProperty("opening").GetInt64(), row.GetProperty("additions").GetInt64(),
        row.GetProperty("deductions").GetInt64(), row.GetProperty("yearClose").GetInt64(), row.GetProperty("closing").GetInt64());

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
