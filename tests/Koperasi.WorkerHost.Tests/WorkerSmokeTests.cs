using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace Koperasi.WorkerHost.Tests;

/// <summary>
/// The app as it runs in Azure: the published Koperasi.Functions in its own process, its Program.cs, the worker's
/// middleware and binding converters (HttpRequest through the ASP.NET Core integration, QueueMessage from
/// ModelBindingData, TimerInfo from JSON), driven over the Functions host protocol. One scenario, in order, and at
/// the end every function in functions.metadata must have been invoked.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class WorkerSmokeTests(WorkerHostFixture fixture, ITestOutputHelper output)
{
    private const string Member = "A-001";
    private const string StandardName = "koperasi_pay";
    private static readonly string StandardSecret = "whsec_" + Convert.ToBase64String("WORKER-TESTS-standard-webhooks!!"u8.ToArray());

    /// <summary>The functions whose failures the scenario causes on purpose (the poison messages).</summary>
    private static readonly HashSet<string> FailingOnPurpose = ["PostTransaction", "DeliverStatement"];

    [Fact]
    public async Task SmokeScenario_UnderRealWorker_InvokesEveryFunction()
    {
        try
        {
            await ScenarioAsync();
        }
        finally
        {
            // What the worker did, for a failure's diagnosis: each function's invocations, then its last warnings and errors.
            foreach (var group in fixture.Host.Invocations.GroupBy(i => i.Function).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"{group.Key}: {group.Count(i => i.Succeeded)} ok, {group.Count(i => !i.Succeeded)} failed {group.FirstOrDefault(i => !i.Succeeded)?.Error}");
            }
            foreach (var log in fixture.Host.WorkerLogs.Where(l => l.Level >= Rpc.RpcLog.Types.Level.Warning).TakeLast(30))
            {
                output.WriteLine($"[worker {log.Level}] {log.Category}: {log.Message} {log.Exception?.Message}");
            }
        }
    }

    private async Task ScenarioAsync()
    {
        using var anonymous = fixture.Client();
        using var platform = fixture.Client(WorkerHostFixture.PlatformAdminKey);

        // Health: anonymous, and storage reachable from inside the worker.
        var health = await anonymous.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());

        // A cooperative (platform key) and its admin key.
        var created = await platform.PostAsJsonAsync("/api/cooperatives",
            new { name = "Koperasi Pekerja Uji", timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 50_000 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cooperative = await created.Content.ReadFromJsonAsync<JsonElement>();
        var coopId = cooperative.GetProperty("id").GetString()!;
        using var admin = fixture.Client(cooperative.GetProperty("adminApiKey").GetString());
        Assert.Equal(coopId, (await admin.GetFromJsonAsync<JsonElement>("/api/cooperative")).GetProperty("id").GetString());

        await KeysAsync(admin);
        await MembersAsync(admin);
        var period = await TransactionThroughQueueAsync(admin);
        await PoisonAsync(admin, platform, coopId);
        await WebhooksAsync(admin, anonymous, coopId);
        await MidtransConfirmedWithTheProviderAsync(admin, anonymous, coopId);
        await LoansAsync(admin);
        await ReviewListsAsync(admin);
        await StatementByTimerAsync(admin, coopId, period);
        await AuditAsync(admin, period);
        await ImportsAndExportsAsync(admin);
        await ReportsAsync(admin);
        await RefundSweepByAdminApiAsync(anonymous);
        await BooksAsync(admin);
        await PageAsync(admin, anonymous);
        await MemberExitAsync(admin);
        await ShuAsync(platform);

        AssertEveryFunctionInvoked();
        var unexpected = fixture.Host.Invocations.Where(i => !i.Succeeded && !FailingOnPurpose.Contains(i.Function)).ToList();
        Assert.True(unexpected.Count == 0, "Invocations failed in the worker: " + string.Join("; ", unexpected.Select(i => $"{i.Function}: {i.Error}")));
    }

    private static async Task KeysAsync(HttpClient admin)
    {
        var key = await admin.PostAsJsonAsync("/api/keys", new { name = "kasir", role = "teller" });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        var keyId = (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var keys = await admin.GetFromJsonAsync<JsonElement>("/api/keys");
        Assert.Contains(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{keyId}")).StatusCode);
    }

    private static async Task MembersAsync(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/members", new { id = Member, name = "Siti Rahma", email = "siti@example.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/members/{Member}", new { name = "Siti Rahmawati", email = "siti@example.test" })).StatusCode);
        Assert.Equal("Siti Rahmawati", (await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}")).GetProperty("name").GetString());
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/members");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetString() == Member);
        // A route value that matches no member: the worker binds {id} and the app answers with problem details.
        var missing = await admin.GetAsync("/api/members/NOBODY");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>One deposit dated last month: HTTP intake, the transactions queue, PostTransaction, the ledger reads.</summary>
    private static async Task<string> TransactionThroughQueueAsync(HttpClient admin)
    {
        var lastMonth = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(-1);
        var occurredAt = new DateTimeOffset(lastMonth.Year, lastMonth.Month, 15, 10, 0, 0, TimeSpan.FromHours(8));
        var period = occurredAt.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var txId = "worker-tx-" + Guid.NewGuid().ToString("N")[..8];
        var accepted = await admin.PostAsJsonAsync("/api/transactions", new
        {
            id = txId, memberId = Member, kind = "deposit", account = "simpanan_sukarela", amount = 150_000, occurredAt, reference = "Setoran tunai",
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await WaitForStatusAsync(admin, txId);
        Assert.Equal("posted", status.GetProperty("status").GetString());
        Assert.Equal(150_000, status.GetProperty("balancesAfter").GetProperty("simpanan_sukarela").GetInt64());
        Assert.Equal(150_000, (await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());
        var ledger = await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}/ledger?from={period}-01&to={period}-28");
        Assert.Equal(1, ledger.GetProperty("items").GetArrayLength());
        var trial = await admin.GetFromJsonAsync<JsonElement>($"/api/ledger/trial-balance?asOf={period}-28");
        Assert.Contains("150000", trial.GetRawText(), StringComparison.Ordinal);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/ledger/check")).GetProperty("ok").GetBoolean());
        return period;
    }

    /// <summary>
    /// Messages no function can process: they fail maxDequeueCount times, move to the poison queues, and the poison
    /// functions record them (one that names the cooperative for its treasurer, one that cannot be read for the platform).
    /// </summary>
    private async Task PoisonAsync(HttpClient admin, HttpClient platform, string coopId)
    {
        var transactions = Queue("transactions");
        var statements = Queue("statements");
        await transactions.CreateIfNotExistsAsync();
        await statements.CreateIfNotExistsAsync();
        // Names the cooperative, but its amount is not a number: the posting cannot even read it.
        await transactions.SendMessageAsync(new JsonObject { ["cooperativeId"] = coopId, ["id"] = "worker-poison-1", ["amount"] = "seratus" }.ToJsonString());
        await transactions.SendMessageAsync("this is not a posting");
        await statements.SendMessageAsync("this is not a statement");

        var failures = await UntilAsync(async () =>
        {
            var page = await admin.GetFromJsonAsync<JsonElement>("/api/failures");
            return (page.GetProperty("items").GetArrayLength() > 0, page);
        }, "the poisoned transaction to be listed for the cooperative");
        var failureId = failures.GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/failures/{failureId}/replay", null)).StatusCode);

        await UntilAsync(async () =>
        {
            var page = await platform.GetFromJsonAsync<JsonElement>("/api/platform/failures");
            var texts = page.GetProperty("items").EnumerateArray().Select(i => i.GetRawText()).ToList();
            return (texts.Any(t => t.Contains("not a posting", StringComparison.Ordinal)) && texts.Any(t => t.Contains("not a statement", StringComparison.Ordinal)), page);
        }, "both unreadable messages to be listed for the platform");
        var poisoned = fixture.Host.Invocations.Count(i => i.Function == "PostTransaction" && !i.Succeeded);
        Assert.True(poisoned >= 10, $"two bad transactions fail 5 times each before the poison queue; the worker failed {poisoned} times");
    }

    private async Task WebhooksAsync(HttpClient admin, HttpClient anonymous, string coopId)
    {
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/providers/standard-webhooks/{StandardName}", new { secret = StandardSecret })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/providers/midtrans", new { serverKey = WorkerHostFixture.MidtransServerKey })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = "worker-tests-xendit-callback-token", verifyWithProvider = false })).StatusCode);
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonElement>("/api/providers")).GetProperty("items").GetArrayLength());
        var reference = await admin.PostAsJsonAsync($"/api/members/{Member}/payment-references",
            new { provider = $"standard:{StandardName}", reference = "VA-0001", account = "simpanan_sukarela" });
        Assert.Equal(HttpStatusCode.Created, reference.StatusCode);

        // A signed payment for the reference: verified inside the worker, queued, posted to the member.
        var paymentId = "pay-" + Guid.NewGuid().ToString("N")[..8];
        var paid = Event("payment.succeeded", paymentId, "VA-0001", 40_000);
        var path = $"/api/webhooks/standard/{coopId}/{StandardName}";
        var answer = await anonymous.SendAsync(StandardWebhooksSigner.Request(path, StandardSecret, "msg_" + paymentId, paid, DateTimeOffset.UtcNow));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        await UntilAsync(async () =>
        {
            var balances = await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}/balances");
            return (balances.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64() == 190_000, balances);
        }, "the webhook payment to be posted");

        // A payment for a reference nobody has: unmatched, then assigned by the admin.
        var strayId = "pay-" + Guid.NewGuid().ToString("N")[..8];
        var stray = Event("payment.succeeded", strayId, "VA-UNKNOWN", 25_000);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(StandardWebhooksSigner.Request(path, StandardSecret, "msg_" + strayId, stray, DateTimeOffset.UtcNow))).StatusCode);
        var unmatched = await admin.GetFromJsonAsync<JsonElement>("/api/payments/unmatched");
        var unmatchedId = Assert.Single(unmatched.GetProperty("items").EnumerateArray()).GetProperty("id").GetString();
        var assigned = await admin.PostAsJsonAsync($"/api/payments/unmatched/{unmatchedId}/assign", new { memberId = Member, account = "simpanan_sukarela" });
        Assert.True(assigned.StatusCode == HttpStatusCode.Accepted, await assigned.Content.ReadAsStringAsync());

        // Midtrans and Xendit without their provider's proof: the worker runs them and they refuse, as problem details.
        using var midtrans = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/midtrans/{coopId}") { Content = JsonContent.Create(new { order_id = "x", status_code = "200", gross_amount = "1.00", signature_key = "wrong" }) };
        await AssertRefusedAsync(await anonymous.SendAsync(midtrans));
        using var xendit = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/xendit/{coopId}") { Content = JsonContent.Create(new { id = "x" }) };
        xendit.Headers.Add("x-callback-token", "not-the-token");
        await AssertRefusedAsync(await anonymous.SendAsync(xendit));
    }

    /// <summary>
    /// A Midtrans settlement, confirmed with the (loopback) Get Status API after the 200: ConfirmPayment reads what
    /// the provider says and books it; a confirmation message no function can read goes to its poison queue's recorder.
    /// </summary>
    private async Task MidtransConfirmedWithTheProviderAsync(HttpClient admin, HttpClient anonymous, string coopId)
    {
        var orderId = "WORKER-" + Guid.NewGuid().ToString("N")[..8];
        var settlement = new JsonObject
        {
            ["transaction_time"] = "2026-11-01 10:00:00", ["transaction_status"] = "settlement", ["transaction_id"] = Guid.NewGuid().ToString(),
            ["status_message"] = "midtrans payment notification", ["status_code"] = "200", ["payment_type"] = "bank_transfer",
            ["order_id"] = orderId, ["gross_amount"] = "30000.00", ["fraud_status"] = "accept", ["currency"] = "IDR", ["settlement_time"] = "2026-11-01 10:01:00",
        };
        var signature = SHA512.HashData(Encoding.UTF8.GetBytes(orderId + "200" + "30000.00" + WorkerHostFixture.MidtransServerKey));
        settlement["signature_key"] = Convert.ToHexStringLower(signature);
        fixture.Midtrans.Know($"/v2/{orderId}/status", settlement);

        var answer = await anonymous.PostAsync($"/api/webhooks/midtrans/{coopId}", new StringContent(settlement.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        await UntilAsync(async () =>
        {
            var unmatched = await admin.GetFromJsonAsync<JsonElement>("/api/payments/unmatched");
            return (unmatched.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("providerPaymentId").GetString() == orderId), unmatched);
        }, "the confirmed Midtrans payment to be recorded (it names no member: unmatched)");
        Assert.NotEmpty(fixture.Midtrans.Requests($"/v2/{orderId}/status"));

        var confirmations = Queue("payment-confirmations-poison");
        await confirmations.CreateIfNotExistsAsync();
        await confirmations.SendMessageAsync("this is not a confirmation");
        await UntilAsync(() => Task.FromResult(fixture.Host.Invocations.Any(i => i.Function == "RecordPoisonedConfirmation") ? (true, true) : (false, false)),
            "RecordPoisonedConfirmation to run");
    }

    /// <summary>
    /// Loan products and a loan's steps: submit, read, list, approve, reject another; then its money: disburse, a repayment
    /// through intake and the queue, the payoff quote, arrears, a denda waiver and the write-off.
    /// </summary>
    private static async Task LoansAsync(HttpClient admin)
    {
        var product = new
        {
            name = "Pinjaman Umum", interestMethod = "flat", monthlyRateBps = 150, termMonthsMin = 3, termMonthsMax = 24, principalMin = 1_000_000,
            principalMax = 50_000_000, adminFeeBps = 100, roundTo = 1, penaltyBpsPerDay = 10, penaltyGraceDays = 2, maxActiveLoansPerMember = 2,
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/loan-products/UMUM", product)).StatusCode);
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/loan-products")).GetProperty("items").EnumerateArray());
        foreach (var id in new[] { "WL-1", "WL-2" })
        {
            var submitted = await admin.PostAsJsonAsync("/api/loans", new { id, memberId = Member, productCode = "UMUM", principal = 10_000_000, termMonths = 12 });
            Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        }
        Assert.Equal(12, (await admin.GetFromJsonAsync<JsonElement>("/api/loans/WL-1")).GetProperty("schedule").GetArrayLength());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}/loans")).GetProperty("items").GetArrayLength());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/loans?status=submitted")).GetProperty("items").GetArrayLength());
        Assert.True((await admin.PostAsync("/api/loans/WL-1/approve", null)).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync("/api/loans/WL-2/reject", new { reason = "Dokumen belum lengkap" })).IsSuccessStatusCode);
        Assert.Equal("approved", (await admin.GetFromJsonAsync<JsonElement>("/api/loans/WL-1")).GetProperty("status").GetString());

        var disbursed = await admin.PostAsJsonAsync("/api/loans/WL-1/disburse", new { occurredAt = "2026-06-10T10:00:00+08:00" });
        Assert.True(disbursed.IsSuccessStatusCode, await disbursed.Content.ReadAsStringAsync());
        var repayment = new { id = "w-repay-1", memberId = Member, kind = "loan_repayment", loanId = "WL-1", amount = 983_333, occurredAt = "2026-07-10T10:00:00+08:00" };
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/transactions", repayment)).StatusCode);
        Assert.Equal("posted", (await WaitForStatusAsync(admin, "w-repay-1")).GetProperty("status").GetString());
        var payoff = await admin.GetFromJsonAsync<JsonElement>("/api/loans/WL-1/payoff?asOf=2026-07-10");
        Assert.Equal(10_000_000 - 833_333, payoff.GetProperty("principal").GetInt64());
        Assert.Equal(10_000_000 - 833_333, (await admin.GetFromJsonAsync<JsonElement>("/api/loans/arrears")).GetProperty("outstandingPrincipal").GetInt64());
        var waived = await admin.PostAsJsonAsync("/api/loans/WL-1/waive-penalty", new { id = "w-1", amount = 1_000, reason = "Keringanan" });
        Assert.True(waived.IsSuccessStatusCode, await waived.Content.ReadAsStringAsync());
        var writtenOff = await admin.PostAsJsonAsync("/api/loans/WL-1/write-off", new { reason = "Tidak tertagih" });
        Assert.Equal("written_off", (await writtenOff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    /// <summary>A member's exit on a member of its own: the policy (refuse by default, then settle), the quote and the exit posted.</summary>
    private static async Task MemberExitAsync(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/members", new { id = "W-EXIT", name = "Anggota Keluar" })).StatusCode);
        var deposit = new { id = "w-exit-1", memberId = "W-EXIT", kind = "deposit", account = "simpanan_sukarela", amount = 200_000, occurredAt = "2026-07-01T10:00:00+08:00" };
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/transactions", deposit)).StatusCode);
        Assert.Equal("posted", (await WaitForStatusAsync(admin, "w-exit-1")).GetProperty("status").GetString());
        Assert.Equal("refuse", (await admin.GetFromJsonAsync<JsonElement>("/api/exit-policy")).GetProperty("activeLoans").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/exit-policy", new { activeLoans = "settle" })).StatusCode);
        var quote = await admin.GetFromJsonAsync<JsonElement>("/api/members/W-EXIT/exit-quote?asOf=2026-07-02");
        Assert.Equal(200_000, quote.GetProperty("payout").GetInt64());
        var exit = await admin.PostAsJsonAsync("/api/members/W-EXIT/exit", new { occurredAt = "2026-07-02T10:00:00+08:00" });
        Assert.True(exit.IsSuccessStatusCode, await exit.Content.ReadAsStringAsync());
        Assert.Equal("exited", (await exit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    /// <summary>
    /// The SHU of last year, on a cooperative of its own (closing a year closes its months): the policy, an income entry and a
    /// member's capital, the year close, the draft, and the distribution through its queue until the member's share is posted.
    /// </summary>
    private async Task ShuAsync(HttpClient platform)
    {
        var year = DateTime.UtcNow.AddHours(8).Year - 1;
        var created = await platform.PostAsJsonAsync("/api/cooperatives",
            new { name = "Koperasi SHU Uji", timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 50_000 });
        using var admin = fixture.Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adminApiKey").GetString());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/members", new { id = "W-SHU", name = "Anggota SHU" })).StatusCode);
        var pokok = new { id = "w-shu-1", memberId = "W-SHU", kind = "deposit", account = "simpanan_pokok", amount = 100_000, occurredAt = $"{year}-01-10T10:00:00+08:00" };
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/transactions", pokok)).StatusCode);
        Assert.Equal("posted", (await WaitForStatusAsync(admin, "w-shu-1")).GetProperty("status").GetString());
        var income = new
        {
            id = "w-gj-1", occurredAt = $"{year}-06-01T10:00:00+08:00", description = "Pendapatan lain",
            lines = new object[] { new { account = "kas", debit = 1_000_000 }, new { account = "pendapatan_lain", credit = 1_000_000 } },
        };
        Assert.True((await admin.PostAsJsonAsync("/api/journal-entries", income)).IsSuccessStatusCode);
        Assert.Equal("year_end", (await admin.GetFromJsonAsync<JsonElement>("/api/shu/policy")).GetProperty("capitalBasis").GetString());
        var policy = new
        {
            allocations = new Dictionary<string, int> { ["cadangan"] = 5_000, ["jasa_modal"] = 5_000 }, capitalBasis = "year_end", useBasis = "loan_interest_paid",
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/shu/policy", policy)).StatusCode);
        Assert.True((await admin.PostAsync($"/api/years/{year}/close", null)).IsSuccessStatusCode);
        var draft = await admin.GetFromJsonAsync<JsonElement>($"/api/years/{year}/shu");
        Assert.Equal(500_000, Assert.Single(draft.GetProperty("members").EnumerateArray()).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/years/{year}/shu/distribute", null)).StatusCode);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await admin.GetFromJsonAsync<JsonElement>($"/api/years/{year}/shu/distribution")).GetProperty("posted").GetInt32() != 1)
        {
            Assert.True(DateTime.UtcNow < until, "the SHU distribution did not post the member's share");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The books: an account of the cooperative's own, a general-journal entry on it and its reversal, the journal by
    /// date, and closing last year.
    /// </summary>
    private static async Task BooksAsync(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/accounts/beban_internet", new { name = "Beban Internet", @class = "expense" })).StatusCode);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("/api/accounts")).GetProperty("items").EnumerateArray(), a => a.GetProperty("code").GetString() == "beban_internet");
        var lastYear = DateTime.UtcNow.AddHours(8).Year - 1;
        var lines = new object[] { new { account = "beban_internet", debit = 250_000 }, new { account = "kas", credit = 250_000 } };
        var posted = await admin.PostAsJsonAsync("/api/journal-entries", new { id = "WJ-1", occurredAt = $"{lastYear}-11-05T10:00:00+08:00", description = "Internet", lines });
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var other = new object[] { new { account = "beban_sewa", debit = 90_000 }, new { account = "kas", credit = 90_000 } };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/journal-entries", new { id = "WJ-2", occurredAt = $"{lastYear}-11-06T10:00:00+08:00", description = "Sewa", lines = other })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/journal-entries/WJ-2/reverse", null)).StatusCode);
        Assert.Equal("WJ-2~reversal", (await admin.GetFromJsonAsync<JsonElement>("/api/journal-entries/WJ-2")).GetProperty("reversedBy").GetString());
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonElement>($"/api/journal-entries?from={lastYear}-11-01&to={DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")).GetProperty("items").GetArrayLength());
        // The statement run above closed last month, so last year's entries were booked in this year's open period:
        // what the close finds depends on the date the scenario runs; the figure must add up whatever it is.
        var closed = await admin.PostAsync($"/api/years/{lastYear}/close", null);
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        var closing = await closed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(closing.GetProperty("income").GetInt64() - closing.GetProperty("expenses").GetInt64(), closing.GetProperty("shu").GetInt64());
    }

    /// <summary>
    /// Moving in from a spreadsheet: templates, a members file, its opening balances and a running loan through the imports queue, and
    /// the exports. After the statement run, whose counts are of the scenario's one member.
    /// </summary>
    private static async Task ImportsAndExportsAsync(HttpClient admin)
    {
        Assert.StartsWith("Nomor Anggota;", (await admin.GetStringAsync("/api/imports/templates/members.csv")).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True((await admin.GetByteArrayAsync("/api/imports/templates/opening-balances.xlsx")).AsSpan().StartsWith("PK"u8));
        var wita = DateTime.UtcNow.AddHours(8);
        var today = wita.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var disbursed = wita.AddMonths(-3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        foreach (var (path, csv) in new[]
        {
            ("/api/imports/members", "Nomor Anggota;Nama\nIMP-1;Anggota Pindahan\n"),
            ($"/api/imports/opening-balances?asOf={today}", "Nomor Anggota;Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela\nIMP-1;100.000;250.000;1.250.000\n"),
            ($"/api/imports/loans?asOf={today}", "Nomor Anggota;Nomor Pinjaman;Kode Produk;Pokok Pinjaman;Jangka Waktu (bulan);Jasa per Bulan (%);Metode;Tanggal Pencairan;Angsuran Sudah Dibayar;Sisa Pokok\n" +
                $"IMP-1;IMP-L1;UMUM;10.000.000;12;1,5;flat;{disbursed};1;9.166.667\n"),
        })
        {
            var started = await admin.PostAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var done = await UntilAsync(async () =>
            {
                var status = await admin.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
                return (status.GetProperty("status").GetString() == "completed", status);
            }, $"import {id} to complete");
            Assert.Equal(1, done.GetProperty("imported").GetInt32());
        }
        Assert.Equal(1_250_000, (await admin.GetFromJsonAsync<JsonElement>("/api/members/IMP-1/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());
        Assert.Contains("IMP-1;Anggota Pindahan", await admin.GetStringAsync("/api/exports/members.csv"), StringComparison.Ordinal);
        Assert.True((await admin.GetByteArrayAsync("/api/exports/trial-balance.xlsx")).AsSpan().StartsWith("PK"u8));
        Assert.True((await admin.GetByteArrayAsync("/api/members/IMP-1/ledger.xlsx")).AsSpan().StartsWith("PK"u8));
        Assert.Equal(9_166_667, (await admin.GetFromJsonAsync<JsonElement>("/api/loans/IMP-L1")).GetProperty("outstandingPrincipal").GetInt64());
        Assert.Contains("IMP-L1;IMP-1;UMUM;", await admin.GetStringAsync("/api/exports/loans.csv"), StringComparison.Ordinal);
        Assert.True((await admin.GetByteArrayAsync("/api/exports/loans.xlsx")).AsSpan().StartsWith("PK"u8));
    }

    /// <summary>
    /// The SAK EP reports through the worker, in their three formats: the financial position balances, the income report
    /// carries the loan's administration fee and jasa, and the equity changes name the year.
    /// </summary>
    private static async Task ReportsAsync(HttpClient admin)
    {
        var position = await admin.GetFromJsonAsync<JsonElement>("/api/reports/financial-position");
        Assert.True(position.GetProperty("balanced").GetBoolean(), position.ToString());
        var income = await admin.GetFromJsonAsync<JsonElement>("/api/reports/income?from=2026-01-01&to=2026-12-31");
        Assert.Contains(income.GetProperty("income").GetProperty("lines").EnumerateArray(), l => l.GetProperty("code").GetString() == "pendapatan_administrasi");
        var html = await admin.GetAsync("/api/reports/equity-changes?year=2026&format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Laporan Perubahan Ekuitas", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/income?from=2026-01-01&to=2026-12-31");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await admin.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bagian;Kode Akun;", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    /// <summary>The treasurer's lists of rejected and adjusted postings (none are rejected in this scenario).</summary>
    private static async Task ReviewListsAsync(HttpClient admin)
    {
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=rejected")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/transactions?status=everything")).StatusCode);
    }

    /// <summary>
    /// The monthly timer on its schedule (%StatementSchedule%, every 2 s here): it starts last month's run for a
    /// cooperative that existed then, the statements queue delivers, and the statement lands in the outbox.
    /// </summary>
    private async Task StatementByTimerAsync(HttpClient admin, string coopId, string period)
    {
        // The cooperative was registered seconds ago; a run only covers months it existed in. Make it last month's,
        // now that its one transaction of that month is posted (a month closes when its run starts).
        var cooperatives = new TableClient(fixture.Azurite.ConnectionString, "cooperatives");
        var profile = (await cooperatives.GetEntityAsync<TableEntity>(coopId, "profile")).Value;
        profile["CreatedAt"] = DateTimeOffset.ParseExact($"{period}-01T00:00:00+08:00", "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        await cooperatives.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Merge);

        var outbox = Path.Combine(WorkerHostFixture.OutboxPath, coopId, period);
        var files = await UntilAsync(() => Task.FromResult(Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml") is { Length: > 0 } found ? (true, found) : (false, Array.Empty<string>())),
            $"the {period} statement to reach the outbox");
        Assert.Single(files);
        var statement = await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}/statements/{period}");
        Assert.Equal("sent", statement.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Contains("150000", statement.GetRawText(), StringComparison.Ordinal);
        var run = await admin.GetFromJsonAsync<JsonElement>($"/api/statements/{period}");
        Assert.Equal((1, 1), (run.GetProperty("members").GetInt32(), run.GetProperty("sent").GetInt32()));
        // Starting the month again by hand only reports the run; a statement already sent is never resent (409).
        var again = await admin.PostAsync($"/api/statements/{period}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());
        await AssertRefusedAsync(await admin.PostAsync($"/api/members/{Member}/statements/{period}/resend", null), HttpStatusCode.Conflict);
        Assert.Single(Directory.GetFiles(outbox, "*.eml"));
    }

    /// <summary>
    /// The month's root and the member's proof after the timer's run, and the audit trail as the real worker records
    /// it: the route templates come from the function names, and the timer records its own actor.
    /// </summary>
    private static async Task AuditAsync(HttpClient admin, string period)
    {
        var root = await admin.GetFromJsonAsync<JsonElement>($"/api/ledger/roots/{period}");
        Assert.Equal(1, root.GetProperty("members").GetInt32());
        var proof = await admin.GetFromJsonAsync<JsonElement>($"/api/members/{Member}/proof/{period}");
        Assert.Equal(root.GetProperty("root").GetString(), proof.GetProperty("root").GetString());
        var updates = await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=" + Uri.EscapeDataString("PUT /api/members/{id}"));
        var update = Assert.Single(updates.GetProperty("items").EnumerateArray());
        Assert.Equal(($"/api/members/{Member}", "admin"), (update.GetProperty("path").GetString(), update.GetProperty("role").GetString()));
        var timer = await admin.GetFromJsonAsync<JsonElement>("/api/audit?actor=timer");
        Assert.Contains(timer.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "timer StartMonthlyStatements");
    }

    /// <summary>The treasurer's page at / (host.json's empty route prefix), its headers intact through the host, and its sign-in route.</summary>
    private static async Task PageAsync(HttpClient admin, HttpClient anonymous)
    {
        var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", string.Join(",", page.Headers.GetValues("Cache-Control")));
        Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        var script = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "<script src=\"(/app\\.[0-9a-f]{10}\\.js)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue("br"));
        var asset = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(["br"], asset.Content.Headers.ContentEncoding);
        Assert.Contains("immutable", string.Join(",", asset.Headers.GetValues("Cache-Control")), StringComparison.Ordinal);
        Assert.Equal("admin", (await admin.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("role").GetString());
    }

    /// <summary>The other timer, started the way an operator starts a non-HTTP function: the host's admin API.</summary>
    private async Task RefundSweepByAdminApiAsync(HttpClient anonymous)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsync("/admin/functions/SweepPendingPayments", null)).StatusCode);
        var sweep = await UntilAsync(() => Task.FromResult(fixture.Host.Invocations.FirstOrDefault(i => i.Function == "SweepPendingPayments") is { } run ? (true, run) : (false, null!)),
            "SweepPendingPayments to run");
        Assert.True(sweep.Succeeded, sweep.Error);
    }

    private void AssertEveryFunctionInvoked()
    {
        // Read independently of the host: the SDK-generated list of what Azure will run.
        var declared = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkerHostFixture.AppDirectory, "functions.metadata")))!.AsArray()
            .Select(f => f!["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var invoked = fixture.Host.Invocations.Select(i => i.Function).ToHashSet(StringComparer.Ordinal);
        var missing = declared.Except(invoked).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Not invoked under the real worker by this scenario (add a step for each): {string.Join(", ", missing)}");
    }

    private QueueClient Queue(string name) =>
        new(fixture.Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static string Event(string type, string paymentId, string reference, long amount) => new JsonObject
    {
        ["type"] = type,
        ["data"] = new JsonObject { ["paymentId"] = paymentId, ["reference"] = reference, ["amount"] = amount, ["paidAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
    }.ToJsonString();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? (int)response.StatusCode is >= 400 and < 500 : response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id) =>
        await UntilAsync(async () =>
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}");
            return (status.GetProperty("status").GetString() != "queued", status);
        }, $"transaction {id} to leave 'queued'");

    /// <summary>Polls until the probe reports done (a condition, not a sleep), at most 60 s.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<(bool Done, T Value)>> probe, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (done, value) = await probe();
            if (done)
            {
                return value;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"waited 60 s for {what}");
            }
            await Task.Delay(100);
        }
    }
}
