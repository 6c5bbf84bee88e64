using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using static Koperasi.Functions.Tests.Loans.LoanSteps;

namespace Koperasi.Functions.Tests.Members;

/// <summary>
/// A member's exit over real HTTP and Azurite: savings paid out through kas, a loan refused by default and settled under
/// the other policy (the settlement computed here from DOMAIN.md's rules), postings after the exit rejected, and
/// provider money after it booked to dana titipan.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MemberExitTests(ApiFixture fixture)
{
    private static async Task DepositAsync(TestCooperative coop, string member, string account, long amount, DateTimeOffset at)
    {
        var id = Postings.NewId();
        var body = new JsonObject { ["id"] = id, ["memberId"] = member, ["kind"] = "deposit", ["account"] = account, ["amount"] = amount, ["occurredAt"] = Instant(at) };
        var response = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, id)).GetProperty("status").GetString());
    }

    private static Task<HttpResponseMessage> ExitAsync(TestCooperative coop, string member, DateTimeOffset at) =>
        coop.Admin.PostAsync($"/api/members/{member}/exit", TransactionJson.Content(new JsonObject { ["occurredAt"] = Instant(at) }.ToJsonString()));

    private static Task<JsonElement> QuoteAsync(TestCooperative coop, string member, DateOnly asOf) =>
        coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{member}/exit-quote?asOf={Date(asOf)}");

    private static async Task<JsonElement> BalancesAsync(TestCooperative coop, string member) =>
        (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{member}/balances")).GetProperty("balances");

    private static async Task SetPolicyAsync(TestCooperative coop, string policy)
    {
        var response = await coop.Admin.PutAsJsonAsync("/api/exit-policy", new { activeLoans = policy });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<TestCooperative> MemberWithSavingsAsync(string member)
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000, wajib: 50_000);
        await coop.AddMemberAsync(member);
        await DepositAsync(coop, member, "simpanan_pokok", 100_000, At(2026, 1, 5));
        await DepositAsync(coop, member, "simpanan_wajib", 50_000, At(2026, 1, 5));
        await DepositAsync(coop, member, "simpanan_wajib", 50_000, At(2026, 2, 5));
        await DepositAsync(coop, member, "simpanan_sukarela", 300_000, At(2026, 2, 6));
        return coop;
    }

    [Fact]
    public async Task Exit_MemberWithSavings_PaysOutEveryBalanceThroughKasAndBalancesAreZero()
    {
        var coop = await MemberWithSavingsAsync("X-1");
        var kasBefore = await TrialBalanceAsync(coop, "kas");

        var quote = await QuoteAsync(coop, "X-1", new DateOnly(2026, 3, 1));
        var response = await ExitAsync(coop, "X-1", At(2026, 3, 1));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var exit = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(quote.GetProperty("allowed").GetBoolean(), quote.ToString());
        Assert.Equal(500_000, quote.GetProperty("payout").GetInt64());
        Assert.Equal(500_000, exit.GetProperty("payout").GetInt64());
        Assert.Equal(quote.GetProperty("lines").ToString(), exit.GetProperty("lines").ToString());
        Assert.Equal(("exited", "2026-03-01"), (exit.GetProperty("status").GetString(), exit.GetProperty("exitedOn").GetString()));
        Assert.Equal(kasBefore - 500_000, await TrialBalanceAsync(coop, "kas"));
        Assert.Equal(0, await TrialBalanceAsync(coop, "simpanan_sukarela") + await TrialBalanceAsync(coop, "simpanan_wajib") + await TrialBalanceAsync(coop, "simpanan_pokok"));
        var balances = await BalancesAsync(coop, "X-1");
        Assert.All(new[] { "simpanan_pokok", "simpanan_wajib", "simpanan_sukarela", "piutang_pinjaman" }, a => Assert.Equal(0, balances.GetProperty(a).GetInt64()));
        var member = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/X-1");
        Assert.Equal(("exited", "2026-03-01"), (member.GetProperty("status").GetString(), member.GetProperty("exitedOn").GetString()));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Exit_AskedAgain_AnswersTheSameAndPostsNothingMore()
    {
        var coop = await MemberWithSavingsAsync("X-2");
        var first = await (await ExitAsync(coop, "X-2", At(2026, 3, 1))).Content.ReadAsStringAsync();
        var kasAfter = await TrialBalanceAsync(coop, "kas");

        var again = await ExitAsync(coop, "X-2", At(2026, 3, 2));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Equal(kasAfter, await TrialBalanceAsync(coop, "kas"));
    }

    [Fact]
    public async Task Exit_ConcurrentCalls_PostOnceAndAnswerTheSame()
    {
        var coop = await MemberWithSavingsAsync("X-10");
        var kasBefore = await TrialBalanceAsync(coop, "kas");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ExitAsync(coop, "X-10", At(2026, 3, 1))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(kasBefore - 500_000, await TrialBalanceAsync(coop, "kas"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Exit_History_StaysReadable()
    {
        var coop = await MemberWithSavingsAsync("X-3");
        await ExitAsync(coop, "X-3", At(2026, 3, 1));

        var before = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/X-3/balances?asOf=2026-02-28")).GetProperty("balances");
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/X-3/ledger?from=2026-01-01&to=2026-03-31");

        Assert.Equal(300_000, before.GetProperty("simpanan_sukarela").GetInt64());
        Assert.Equal(100_000, before.GetProperty("simpanan_wajib").GetInt64());
        var lines = ledger.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "member_exit" && l.GetProperty("account").GetString() == "simpanan_sukarela" &&
            l.GetProperty("change").GetInt64() == -300_000);
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "member_exit" && l.GetProperty("account").GetString() == "simpanan_pokok" &&
            l.GetProperty("change").GetInt64() == -100_000);
    }

    [Fact]
    public async Task Exit_WithAnActiveLoan_IsRefusedByDefault()
    {
        var coop = await MemberWithSavingsAsync("X-4");
        await LoanJson.PutProductAsync(coop);
        await ActiveLoanAsync(coop, "XL-4", "X-4", At(2026, 2, 10));

        var policy = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/exit-policy");
        var quote = await QuoteAsync(coop, "X-4", new DateOnly(2026, 3, 1));
        var response = await ExitAsync(coop, "X-4", At(2026, 3, 1));

        Assert.Equal("refuse", policy.GetProperty("activeLoans").GetString());
        Assert.False(quote.GetProperty("allowed").GetBoolean());
        Assert.Equal("active_loan", quote.GetProperty("refusal").GetProperty("code").GetString());
        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "active_loan");
        Assert.Equal(300_000, (await BalancesAsync(coop, "X-4")).GetProperty("simpanan_sukarela").GetInt64());
        Assert.Equal("active", (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/X-4")).GetProperty("status").GetString());
    }

    /// <summary>
    /// Flat 10,000,000 over 12 months at 1.50% (pokok 833,333, jasa 150,000), disbursed 10 June, installment 1 paid on
    /// 10 July; exit on 20 August: principal left 9,166,667; jasa of installments 2 (period 11 July - 10 August) and 3
    /// (begun 11 August) 300,000; denda of installment 2 (due 10 August, 2 days' grace, 0.10% a day of 983,333 for
    /// 13-20 August, 8 days) 7,866.664 → 7,867.
    /// </summary>
    [Fact]
    public async Task Exit_WithAnActiveLoanUnderSettlePolicy_TakesThePayoffFromSavingsAndPaysTheRest()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000, wajib: 50_000);
        await coop.AddMemberAsync("X-5");
        await DepositAsync(coop, "X-5", "simpanan_pokok", 100_000, At(2026, 1, 5));
        await DepositAsync(coop, "X-5", "simpanan_wajib", 50_000, At(2026, 1, 5));
        await DepositAsync(coop, "X-5", "simpanan_sukarela", 10_000_000, At(2026, 1, 6));
        await LoanJson.PutProductAsync(coop);
        await ActiveLoanAsync(coop, "XL-5", "X-5", At(2026, 6, 10));
        await RepayAsync(coop, Postings.NewId(), "X-5", "XL-5", 983_333, At(2026, 7, 10));
        await SetPolicyAsync(coop, "settle");
        const long principal = 10_000_000 - 833_333;
        const long jasa = 2 * 150_000;
        var denda = (long)Math.Round(8 * 983_333 * 10 / 10_000m, MidpointRounding.AwayFromZero);
        var owed = principal + jasa + denda;
        var payout = 100_000 + 50_000 + 10_000_000 - owed;
        var kas = await TrialBalanceAsync(coop, "kas");
        var (jasaIncome, dendaIncome) = (await TrialBalanceAsync(coop, "pendapatan_jasa_pinjaman"), await TrialBalanceAsync(coop, "pendapatan_denda"));

        var quote = await QuoteAsync(coop, "X-5", new DateOnly(2026, 8, 20));
        var response = await ExitAsync(coop, "X-5", At(2026, 8, 20));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var exit = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((owed, payout), (quote.GetProperty("owed").GetInt64(), quote.GetProperty("payout").GetInt64()));
        Assert.Equal((owed, payout), (exit.GetProperty("owed").GetInt64(), exit.GetProperty("payout").GetInt64()));
        var loan = Assert.Single(exit.GetProperty("loans").EnumerateArray());
        Assert.Equal((denda, jasa, principal, 0L), (loan.GetProperty("penalty").GetInt64(), loan.GetProperty("interest").GetInt64(),
            loan.GetProperty("principal").GetInt64(), loan.GetProperty("recovery").GetInt64()));
        Assert.Equal(quote.GetProperty("lines").ToString(), exit.GetProperty("lines").ToString());
        Assert.Equal(kas - payout, await TrialBalanceAsync(coop, "kas"));
        Assert.Equal(jasaIncome + jasa, await TrialBalanceAsync(coop, "pendapatan_jasa_pinjaman"));
        Assert.Equal(dendaIncome + denda, await TrialBalanceAsync(coop, "pendapatan_denda"));
        Assert.Equal(0, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        var closed = await LoanAsync(coop, "XL-5");
        Assert.Equal(("closed", "2026-08-20"), (closed.GetProperty("status").GetString(), closed.GetProperty("closedOn").GetString()));
        Assert.Empty((await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans?status=active")).GetProperty("items").EnumerateArray());
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Exit_WithAWrittenOffLoanUnderSettlePolicy_RecoversThePrincipalLeftFromSavings()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000, wajib: 50_000);
        await coop.AddMemberAsync("X-11");
        await DepositAsync(coop, "X-11", "simpanan_pokok", 100_000, At(2026, 1, 5));
        await DepositAsync(coop, "X-11", "simpanan_sukarela", 10_500_000, At(2026, 1, 6));
        await LoanJson.PutProductAsync(coop);
        await ActiveLoanAsync(coop, "XL-11", "X-11", At(2026, 2, 10));
        var writeOff = await coop.Admin.PostAsJsonAsync("/api/loans/XL-11/write-off", new { reason = "Macet", occurredAt = Instant(At(2026, 6, 1)) });
        Assert.True(writeOff.IsSuccessStatusCode, await writeOff.Content.ReadAsStringAsync());
        await SetPolicyAsync(coop, "settle");
        var kas = await TrialBalanceAsync(coop, "kas");

        var response = await ExitAsync(coop, "X-11", At(2026, 7, 1));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var exit = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10_000_000, Assert.Single(exit.GetProperty("loans").EnumerateArray()).GetProperty("recovery").GetInt64());
        Assert.Equal(100_000 + 10_500_000 - 10_000_000, exit.GetProperty("payout").GetInt64());
        Assert.Equal(kas - 600_000, await TrialBalanceAsync(coop, "kas"));
        Assert.Equal(10_000_000, await TrialBalanceAsync(coop, "pendapatan_pemulihan_piutang"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Exit_SettlePolicyWithSavingsShortOfTheDebt_IsRefused()
    {
        var coop = await MemberWithSavingsAsync("X-6");
        await LoanJson.PutProductAsync(coop);
        await ActiveLoanAsync(coop, "XL-6", "X-6", At(2026, 2, 10));
        await SetPolicyAsync(coop, "settle");

        var response = await ExitAsync(coop, "X-6", At(2026, 3, 1));

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "savings_short_of_debt");
        Assert.Equal("active", (await LoanAsync(coop, "XL-6")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Posting_AfterExit_IsRejectedMemberExited()
    {
        var coop = await MemberWithSavingsAsync("X-7");
        await ExitAsync(coop, "X-7", At(2026, 3, 1));
        var id = Postings.NewId();
        var body = new JsonObject { ["id"] = id, ["memberId"] = "X-7", ["kind"] = "deposit", ["account"] = "simpanan_sukarela", ["amount"] = 10_000, ["occurredAt"] = Instant(At(2026, 3, 2)) };

        await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(body.ToJsonString()));
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, id);

        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Equal("member_exited", status.GetProperty("reason").GetProperty("code").GetString());
        Assert.Equal(0, (await BalancesAsync(coop, "X-7")).GetProperty("simpanan_sukarela").GetInt64());
    }

    [Fact]
    public async Task ProviderPayment_AfterExit_IsBookedToDanaTitipanAndListedAdjusted()
    {
        var coop = await MemberWithSavingsAsync("X-8");
        await ExitAsync(coop, "X-8", At(2026, 3, 1));
        var titipan = await TrialBalanceAsync(coop, "dana_titipan");
        var payment = Postings.Deposit(coop.Id, "X-8", TransactionKinds.SimpananSukarela, 75_000, id: "mt-exit-" + Guid.NewGuid().ToString("N")[..8],
            at: At(2026, 3, 5), source: "midtrans");

        var result = await fixture.Service<LedgerPosting>().PostAsync(payment);

        Assert.Equal(PostingResult.Posted, result);
        Assert.Equal(titipan + 75_000, await TrialBalanceAsync(coop, "dana_titipan"));
        Assert.Equal(75_000, await TrialBalanceAsync(coop, "kliring_midtrans"));
        Assert.Equal(0, (await BalancesAsync(coop, "X-8")).GetProperty("simpanan_sukarela").GetInt64());
        var status = await fixture.Service<LedgerReader>().FindStatusAsync(coop.Id, "X-8", payment.Id);
        Assert.Equal("member_exited", status!.Adjustment?.Code);
        var adjusted = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=adjusted");
        Assert.Contains(adjusted.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == payment.Id);
    }

    [Fact]
    public async Task Exit_DatedBeforeTheLastPosting_IsRefused()
    {
        var coop = await MemberWithSavingsAsync("X-9");

        var response = await ExitAsync(coop, "X-9", At(2026, 2, 1));

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "exit_before_last_posting");
    }

    [Fact]
    public async Task ExitPolicy_JunkValue_Is400()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsJsonAsync("/api/exit-policy", new { activeLoans = "sometimes" });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "activeLoans");
    }
}
