using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>Steps of a loan's money over the real API: an active loan, repayments through intake and the queue, and reading the books.</summary>
public static class LoanSteps
{
    /// <summary>WITA, the zone of the test cooperatives.</summary>
    public static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    /// <summary>Submits, approves and disburses a loan of the product on <paramref name="disbursedAt"/>; returns the loan.</summary>
    public static async Task<JsonElement> ActiveLoanAsync(TestCooperative coop, string loanId, string memberId, DateTimeOffset disbursedAt,
        long principal = 10_000_000, int termMonths = 12, string productCode = "UMUM")
    {
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application(loanId, memberId, productCode, principal, termMonths));
        var approved = await coop.Admin.PostAsync($"/api/loans/{loanId}/approve", null);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        var disbursed = await DisburseAsync(coop, loanId, disbursedAt);
        Assert.True(disbursed.StatusCode == HttpStatusCode.OK, await disbursed.Content.ReadAsStringAsync());
        return await disbursed.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> DisburseAsync(TestCooperative coop, string loanId, DateTimeOffset at) =>
        coop.Admin.PostAsync($"/api/loans/{loanId}/disburse", TransactionJson.Content(new JsonObject { ["occurredAt"] = Instant(at) }.ToJsonString()));

    public static JsonObject Repayment(string id, string memberId, string loanId, long amount, DateTimeOffset at) => new()
    {
        ["id"] = id,
        ["memberId"] = memberId,
        ["kind"] = "loan_repayment",
        ["loanId"] = loanId,
        ["amount"] = amount,
        ["occurredAt"] = Instant(at),
    };

    /// <summary>Sends one repayment through intake and waits for the ledger's decision.</summary>
    public static async Task<JsonElement> RepayAsync(TestCooperative coop, string id, string memberId, string loanId, long amount, DateTimeOffset at)
    {
        var response = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(Repayment(id, memberId, loanId, amount, at).ToJsonString()));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await ApiFixture.WaitForStatusAsync(coop.Admin, id);
    }

    public static Task<JsonElement> LoanAsync(TestCooperative coop, string loanId, DateOnly? asOf = null) =>
        coop.Admin.GetFromJsonAsync<JsonElement>($"/api/loans/{loanId}" + (asOf is { } d ? $"?asOf={Date(d)}" : ""));

    /// <summary>The balance of one account in the trial balance as of a date (0 when it has no postings).</summary>
    public static async Task<long> TrialBalanceAsync(TestCooperative coop, string account, DateOnly? asOf = null)
    {
        var trial = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance" + (asOf is { } d ? $"?asOf={Date(d)}" : ""));
        Assert.True(trial.GetProperty("balanced").GetBoolean(), trial.ToString());
        return trial.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("code").GetString() == account)
            .Select(a => a.GetProperty("balance").GetInt64()).SingleOrDefault();
    }

    public static async Task AssertLedgerCheckOkAsync(TestCooperative coop)
    {
        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString());
    }

    public static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>10:00 WITA on a date.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, Wita);
}
