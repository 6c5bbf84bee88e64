using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Tests.Webhooks;
using Koperasi.LocalHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>
/// Every read the app makes is a point read or one partition's contiguous RowKey range: a scenario calls every
/// documented route with input that reaches storage and invokes every queue and timer function, the fixture's
/// <see cref="QueryShapePolicy"/> records each table request made while it runs (other tests of the collection call
/// the ledger's services directly, outside any route, and are not judged here), and any
/// other shape fails the test unless it is one of the named admin scans below, asked for by the route named with it.
/// Azurite scans a whole table for every query, so only the shape can show what a query costs in Azure.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueryShapeTests(ApiFixture fixture, ITestOutputHelper output)
{
    private const string Member = "QS-1";

    /// <summary>The scans allowed, each with who may make it, on which table, and why its cost is acceptable.</summary>
    public static readonly IReadOnlyList<(string Caller, string Table, string Reason)> AdminScans =
    [
        ("GET /api/ledger/check", "ledger",
            "the audit recomputes every member's balances and rollups from the journals themselves: it must read every row of the cooperative (an admin's occasional check, never a request path)"),
        ("GET /api/ledger/check", "payments",
            "the audit compares every provider payment and refund of the cooperative with the clearing accounts: every payment partition of the cooperative"),
        (QueryShapePolicy.Background, "cooperatives",
            "the monthly statements timer lists every cooperative's profile once a run (one scan of a small table a month; it grows with cooperatives, never with history)"),
    ];

    [Fact]
    public async Task EveryRouteAndFunction_ReadsStorage_ByPointOrPartitionRangeOnly()
    {
        var start = fixture.QueryShapes.Records.Count;
        var called = await ScenarioAsync();
        await InvokeBackgroundFunctionsAsync();

        var documented = OpenApiContract.DocumentedRoutes();
        var missing = documented.Except(called).ToList();
        Assert.True(missing.Count == 0, "the scenario does not call (add a step for each): " + string.Join(", ", missing));
        var records = fixture.QueryShapes.Records.Skip(start).ToList();
        foreach (var shape in records.GroupBy(r => (r.Caller, r.Shape.Kind)).OrderBy(g => g.Key.Caller, StringComparer.Ordinal))
        {
            output.WriteLine($"{shape.Key.Caller}: {shape.Count()} × {shape.Key.Kind}");
        }
        var scans = records.Where(r => !r.Shape.IsBounded).ToList();
        var unexplained = scans.Where(r => !AdminScans.Any(a => a.Caller == r.Caller && a.Table == r.Shape.Table)).Select(r => r.ToString()).Distinct().ToList();
        Assert.True(unexplained.Count == 0, "reads that are neither a point read nor one partition's RowKey range:\n" + string.Join("\n", unexplained));
        Assert.Contains(records, r => r.Shape.Kind == QueryShape.PointRead);
        Assert.Contains(records, r => r.Shape.Kind == QueryShape.PartitionRange);
    }

    [Theory]
    [InlineData("PartitionKey eq 'c|m|A' and RowKey ge 'day|2026-01-01' and RowKey lt 'day}'", true)]
    [InlineData("(PartitionKey eq 'c|m|A') and ((RowKey ge 'j|') and (RowKey lt 'j}'))", true)]
    [InlineData("PartitionKey eq 'c|m|A'", true)]
    [InlineData("PartitionKey eq 'it''s (or) and' and RowKey eq 'balance'", true)]
    [InlineData("PartitionKey eq 'c|m|A' and (RowKey eq 'balance' or RowKey eq 'tx|1')", false)]
    [InlineData("PartitionKey ge 'c|m|' and PartitionKey lt 'c|m}' and RowKey ge 'month|'", false)]
    [InlineData("RowKey eq 'profile'", false)]
    [InlineData("PartitionKey eq 'a' and RowKey ge 'x' and RowKey ge 'y' and RowKey lt 'z'", false)]
    public void IsPartitionRange_Filter_TellsBoundedFromScan(string filter, bool expected) =>
        Assert.Equal(expected, QueryShape.IsPartitionRange(filter));

    /// <summary>Calls every documented route with input that reaches storage; answers which routes it called.</summary>
    private async Task<HashSet<string>> ScenarioAsync()
    {
        var called = new HashSet<string>(StringComparer.Ordinal);
        using var anonymous = fixture.Client();
        using var platform = fixture.Client(ApiFixture.PlatformAdminKey);
        async Task<HttpResponseMessage> Call(string route, HttpClient client, HttpRequestMessage request)
        {
            called.Add(route);
            var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response;
        }
        Task<HttpResponseMessage> Send(string route, HttpClient client, HttpMethod method, string path, object? body = null) =>
            Call(route, client, new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

        await Send("GET /api/health", anonymous, HttpMethod.Get, "/api/health");
        called.Add("POST /api/cooperatives");
        var coop = await fixture.NewCooperativeAsync();
        var admin = coop.Admin;
        await Send("GET /api/cooperative", admin, HttpMethod.Get, "/api/cooperative");
        var key = await (await Send("POST /api/keys", admin, HttpMethod.Post, "/api/keys", new { name = "kasir", role = "teller" })).Content.ReadFromJsonAsync<JsonElement>();
        await Send("GET /api/keys", admin, HttpMethod.Get, "/api/keys");
        await Send("DELETE /api/keys/{id}", admin, HttpMethod.Delete, $"/api/keys/{key.GetProperty("id").GetString()}");

        await Send("POST /api/members", admin, HttpMethod.Post, "/api/members", new { id = Member, name = "Siti Rahma", email = "siti@example.test" });
        await Send("PUT /api/members/{id}", admin, HttpMethod.Put, $"/api/members/{Member}", new { name = "Siti Rahmawati", email = "siti@example.test" });
        await Send("GET /api/members/{id}", admin, HttpMethod.Get, $"/api/members/{Member}");
        await Send("GET /api/members", admin, HttpMethod.Get, "/api/members");

        var deposit = Postings.NewId();
        await Send("POST /api/transactions", admin, HttpMethod.Post, "/api/transactions", new[]
        {
            new { id = deposit, memberId = Member, kind = "deposit", account = "simpanan_sukarela", amount = 500_000L, occurredAt = "2026-10-15T10:00:00+08:00" },
        });
        var single = Postings.NewId();
        await Send("POST /api/transactions", admin, HttpMethod.Post, "/api/transactions",
            new { id = single, memberId = Member, kind = "withdrawal", account = "simpanan_sukarela", amount = 100_000L, occurredAt = "2026-10-14T10:00:00+08:00" });
        await ApiFixture.WaitForStatusAsync(admin, deposit);
        await ApiFixture.WaitForStatusAsync(admin, single);
        await Send("GET /api/transactions/{id}", admin, HttpMethod.Get, $"/api/transactions/{deposit}");
        await Send("GET /api/transactions", admin, HttpMethod.Get, "/api/transactions?status=rejected");
        await Send("GET /api/members/{id}/balances", admin, HttpMethod.Get, $"/api/members/{Member}/balances?asOf=2026-10-31");
        await Send("GET /api/members/{id}/ledger", admin, HttpMethod.Get, $"/api/members/{Member}/ledger?from=2026-10-01&to=2026-10-31");
        await Send("GET /api/ledger/trial-balance", admin, HttpMethod.Get, "/api/ledger/trial-balance?asOf=2026-10-31");
        await Send("GET /api/ledger/check", admin, HttpMethod.Get, "/api/ledger/check");
        await Send("GET /api/reports/financial-position", admin, HttpMethod.Get, "/api/reports/financial-position?asOf=2026-12-31");
        await Send("GET /api/reports/income", admin, HttpMethod.Get, "/api/reports/income?from=2026-10-14&to=2026-12-31&format=csv");
        await Send("GET /api/reports/equity-changes", admin, HttpMethod.Get, "/api/reports/equity-changes?year=2026&format=html");
        await Send("GET /api/failures", admin, HttpMethod.Get, "/api/failures");
        await Send("POST /api/failures/{id}/replay", admin, HttpMethod.Post, "/api/failures/no-such-failure/replay");
        await Send("GET /api/platform/failures", platform, HttpMethod.Get, "/api/platform/failures");

        await Send("PUT /api/providers/midtrans", admin, HttpMethod.Put, "/api/providers/midtrans", new { serverKey = WebhookSamples.MidtransServerKey });
        await Send("PUT /api/providers/xendit", admin, HttpMethod.Put, "/api/providers/xendit", new { callbackToken = WebhookSamples.XenditToken, secretApiKey = WebhookSamples.XenditApiKey });
        await Send("PUT /api/providers/standard-webhooks/{name}", admin, HttpMethod.Put, $"/api/providers/standard-webhooks/{WebhookSamples.StandardName}", new { secret = WebhookSamples.StandardSecret });
        await Send("GET /api/providers", admin, HttpMethod.Get, "/api/providers");
        await Send("POST /api/members/{id}/payment-references", admin, HttpMethod.Post, $"/api/members/{Member}/payment-references",
            new { provider = $"standard:{WebhookSamples.StandardName}", reference = "VA-QS-1", account = "simpanan_sukarela" });
        await Send("GET /api/members/{id}/payment-references", admin, HttpMethod.Get, $"/api/members/{Member}/payment-references");
        var paid = WebhookSamples.StandardEvent("payment.succeeded", "pay-" + Guid.NewGuid().ToString("N")[..8], "VA-QS-1", 40_000);
        await Call("POST /api/webhooks/standard/{cooperativeId}/{name}", anonymous, WebhookSamples.Standard(coop.Id, "msg_" + Guid.NewGuid().ToString("N"), paid, DateTimeOffset.UtcNow));
        var stray = WebhookSamples.StandardEvent("payment.succeeded", "pay-" + Guid.NewGuid().ToString("N")[..8], "VA-NOBODY", 25_000);
        await Call("POST /api/webhooks/standard/{cooperativeId}/{name}", anonymous, WebhookSamples.Standard(coop.Id, "msg_" + Guid.NewGuid().ToString("N"), stray, DateTimeOffset.UtcNow));
        var unmatched = await (await Send("GET /api/payments/unmatched", admin, HttpMethod.Get, "/api/payments/unmatched")).Content.ReadFromJsonAsync<JsonElement>();
        var unmatchedId = unmatched.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).FirstOrDefault() ?? "none";
        await Send("POST /api/payments/unmatched/{id}/assign", admin, HttpMethod.Post, $"/api/payments/unmatched/{unmatchedId}/assign", new { memberId = Member, account = "simpanan_sukarela" });
        var midtrans = WebhookSamples.Load("midtrans-settlement.json");
        await Call("POST /api/webhooks/midtrans/{cooperativeId}", anonymous, WebhookSamples.Midtrans(coop.Id, WebhookSamples.SignMidtrans(midtrans)));
        await Call("POST /api/webhooks/xendit/{cooperativeId}", anonymous, WebhookSamples.Xendit(coop.Id, WebhookSamples.Load("xendit-invoice-paid.json").ToJsonString()));

        await Send("POST /api/statements/{period}/run", admin, HttpMethod.Post, "/api/statements/2026-10/run");
        await StatementSteps.WaitForRunAsync(coop, "2026-10");
        await Send("GET /api/statements/{period}", admin, HttpMethod.Get, "/api/statements/2026-10");
        await Send("GET /api/members/{id}/statements/{period}", admin, HttpMethod.Get, $"/api/members/{Member}/statements/2026-10");
        await Send("POST /api/members/{id}/statements/{period}/resend", admin, HttpMethod.Post, $"/api/members/{Member}/statements/2026-10/resend");
        await Send("GET /api/ledger/roots/{period}", admin, HttpMethod.Get, "/api/ledger/roots/2026-10");
        await Send("GET /api/members/{id}/proof/{period}", admin, HttpMethod.Get, $"/api/members/{Member}/proof/2026-10");
        await Send("GET /api/audit", admin, HttpMethod.Get, "/api/audit?actor=platform&kind=" + Uri.EscapeDataString("POST /api/cooperatives"));

        var product = new
        {
            name = "Pinjaman Umum", interestMethod = "flat", monthlyRateBps = 150, termMonthsMin = 3, termMonthsMax = 24, principalMin = 1_000_000,
            principalMax = 50_000_000, adminFeeBps = 100, roundTo = 1, penaltyBpsPerDay = 10, penaltyGraceDays = 2, maxActiveLoansPerMember = 2,
        };
        await Send("PUT /api/loan-products/{code}", admin, HttpMethod.Put, "/api/loan-products/UMUM", product);
        await Send("GET /api/loan-products/{code}", admin, HttpMethod.Get, "/api/loan-products/UMUM");
        await Send("GET /api/loan-products", admin, HttpMethod.Get, "/api/loan-products");
        foreach (var id in new[] { "QL-1", "QL-2" })
        {
            await Send("POST /api/loans", admin, HttpMethod.Post, "/api/loans", new { id, memberId = Member, productCode = "UMUM", principal = 10_000_000, termMonths = 12 });
        }
        await Send("GET /api/loans/{id}", admin, HttpMethod.Get, "/api/loans/QL-1");
        await Send("GET /api/loans", admin, HttpMethod.Get, "/api/loans?status=submitted");
        await Send("GET /api/members/{id}/loans", admin, HttpMethod.Get, $"/api/members/{Member}/loans");
        await Send("POST /api/loans/{id}/approve", admin, HttpMethod.Post, "/api/loans/QL-1/approve");
        await Send("POST /api/loans/{id}/reject", admin, HttpMethod.Post, "/api/loans/QL-2/reject", new { reason = "Dokumen belum lengkap" });
        await Send("POST /api/loans/{id}/disburse", admin, HttpMethod.Post, "/api/loans/QL-1/disburse", new { occurredAt = "2026-11-01T10:00:00+08:00" });
        var repayment = Postings.NewId();
        await Send("POST /api/transactions", admin, HttpMethod.Post, "/api/transactions",
            new { id = repayment, memberId = Member, kind = "loan_repayment", loanId = "QL-1", amount = 983_333, occurredAt = "2026-12-01T08:00:00+08:00" });
        await ApiFixture.WaitForStatusAsync(admin, repayment);
        await Send("GET /api/loans/{id}/payoff", admin, HttpMethod.Get, "/api/loans/QL-1/payoff?asOf=2026-12-01");
        await Send("GET /api/loans/arrears", admin, HttpMethod.Get, "/api/loans/arrears");
        await Send("POST /api/loans/{id}/waive-penalty", admin, HttpMethod.Post, "/api/loans/QL-1/waive-penalty", new { id = "w-1", amount = 1_000, reason = "Keringanan" });
        await Send("POST /api/loans/{id}/write-off", admin, HttpMethod.Post, "/api/loans/QL-1/write-off", new { reason = "Tidak tertagih" });

        await Send("GET /api/imports/templates/{name}.csv", admin, HttpMethod.Get, "/api/imports/templates/members.csv");
        await Send("GET /api/imports/templates/{name}.xlsx", admin, HttpMethod.Get, "/api/imports/templates/opening-balances.xlsx");
        HttpRequestMessage Csv(string path, string text) => new(HttpMethod.Post, path) { Content = new StringContent(text, Encoding.UTF8, "text/csv") };
        var import = await (await Call("POST /api/imports/members", admin, Csv("/api/imports/members", "Nomor Anggota;Nama\nQS-2;Budi Santoso\n"))).Content.ReadFromJsonAsync<JsonElement>();
        await Send("GET /api/imports/{id}", admin, HttpMethod.Get, $"/api/imports/{import.GetProperty("id").GetString()}");
        await Call("POST /api/imports/opening-balances", admin, Csv("/api/imports/opening-balances?asOf=2026-11-30", $"Nomor Anggota;Simpanan Sukarela\n{Member};250.000\n"));
        var loans = await (await Call("POST /api/imports/loans", admin, Csv("/api/imports/loans?asOf=2026-11-30",
            "Nomor Anggota;Nomor Pinjaman;Kode Produk;Pokok Pinjaman;Jangka Waktu (bulan);Jasa per Bulan (%);Metode;Tanggal Pencairan;Angsuran Sudah Dibayar\n" +
            $"{Member};QL-IMP;UMUM;5.000.000;10;1,5;flat;01/06/2026;3\n"))).Content.ReadFromJsonAsync<JsonElement>();
        // Its chunk's reads (the claim, the loan rows, the posting) are judged too: wait until the queue has done it.
        for (var until = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < until &&
            (await (await Call("GET /api/imports/{id}", admin, new(HttpMethod.Get, $"/api/imports/{loans.GetProperty("id").GetString()}"))).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() is "queued" or "running";)
        {
            await Task.Delay(100);
        }
        await Send("GET /api/exports/{name}.csv", admin, HttpMethod.Get, "/api/exports/loans.csv?asOf=2026-11-30");
        await Send("GET /api/exports/{name}.xlsx", admin, HttpMethod.Get, "/api/exports/loans.xlsx");
        await Send("GET /api/exports/{name}.csv", admin, HttpMethod.Get, "/api/exports/members.csv?asOf=2026-11-30");
        await Send("GET /api/exports/{name}.xlsx", admin, HttpMethod.Get, "/api/exports/trial-balance.xlsx?asOf=2026-11-30");
        await Send("GET /api/members/{id}/ledger.xlsx", admin, HttpMethod.Get, $"/api/members/{Member}/ledger.xlsx?from=2026-10-01&to=2026-11-30");

        await Send("PUT /api/accounts/{code}", admin, HttpMethod.Put, "/api/accounts/beban_internet", new { name = "Beban Internet", @class = "expense", parent = "beban_listrik_air" });
        await Send("GET /api/accounts", admin, HttpMethod.Get, "/api/accounts");
        var lines = new object[] { new { account = "beban_internet", debit = 300_000, memberId = Member }, new { account = "kas", credit = 300_000 } };
        await Send("POST /api/journal-entries", admin, HttpMethod.Post, "/api/journal-entries", new { id = "QJ-1", occurredAt = "2026-11-05T10:00:00+08:00", description = "Internet November", lines });
        await Send("POST /api/journal-entries/{id}/reverse", admin, HttpMethod.Post, "/api/journal-entries/QJ-1/reverse", new { description = "Salah catat" });
        await Send("GET /api/journal-entries/{id}", admin, HttpMethod.Get, "/api/journal-entries/QJ-1");
        await Send("GET /api/journal-entries", admin, HttpMethod.Get, "/api/journal-entries?from=2026-11-01&to=2026-11-30");
        await Send("POST /api/years/{yyyy}/close", admin, HttpMethod.Post, $"/api/years/{DateTime.UtcNow.AddHours(8).Year - 1}/close");

        await Send("GET /api/exit-policy", admin, HttpMethod.Get, "/api/exit-policy");
        await Send("PUT /api/exit-policy", admin, HttpMethod.Put, "/api/exit-policy", new { activeLoans = "settle" });
        await Send("POST /api/members", admin, HttpMethod.Post, "/api/members", new { id = "QS-3", name = "Dewi Lestari" });
        var saved = Postings.NewId();
        await Send("POST /api/transactions", admin, HttpMethod.Post, "/api/transactions",
            new { id = saved, memberId = "QS-3", kind = "deposit", account = "simpanan_sukarela", amount = 100_000L, occurredAt = "2026-10-15T10:00:00+08:00" });
        await ApiFixture.WaitForStatusAsync(admin, saved);
        await Send("GET /api/members/{id}/exit-quote", admin, HttpMethod.Get, "/api/members/QS-3/exit-quote?asOf=2026-10-20");
        await Send("POST /api/members/{id}/exit", admin, HttpMethod.Post, "/api/members/QS-3/exit", new { occurredAt = "2026-10-20T10:00:00+08:00" });

        await Send("GET /api/shu/policy", admin, HttpMethod.Get, "/api/shu/policy");
        await Send("PUT /api/shu/policy", admin, HttpMethod.Put, "/api/shu/policy", new
        {
            allocations = new Dictionary<string, int> { ["cadangan"] = 5_000, ["jasa_modal"] = 2_500, ["jasa_usaha"] = 2_500 },
            capitalBasis = "average_monthly", useBasis = "loan_interest_paid",
        });
        await Send("GET /api/years/{yyyy}/shu", admin, HttpMethod.Get, "/api/years/2026/shu");
        await Send("POST /api/years/{yyyy}/shu/distribute", admin, HttpMethod.Post, "/api/years/2026/shu/distribute");
        await Send("GET /api/years/{yyyy}/shu/distribution", admin, HttpMethod.Get, "/api/years/2026/shu/distribution");

        await Send("GET /api/session", admin, HttpMethod.Get, "/api/session");
        await Send("GET /{file}", anonymous, HttpMethod.Get, "/");
        return called;
    }

    /// <summary>
    /// Invokes every queue and timer function once more through the LocalHost's own invoker (the queue functions also
    /// ran above on real messages): the poison recorders with a message they can read and one they cannot.
    /// </summary>
    private async Task InvokeBackgroundFunctionsAsync()
    {
        var invoker = fixture.Host.Services.GetRequiredService<FunctionInvoker>();
        var message = Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("qs-1", "pop", new BinaryData(Encoding.UTF8.GetBytes("not a message")), 1);
        foreach (var function in LocalFunctionsHost.Functions.Where(f => f.Kind != FunctionKind.Http))
        {
            object trigger = function.Kind == FunctionKind.Timer ? new TimerInfo() : message;
            try
            {
                await invoker.InvokeAsync(function, trigger, null, CancellationToken.None);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // A junk message fails the queue functions that cannot read it, as on the queue; what they read on the way counts.
                output.WriteLine($"{function.Name}: {e.GetType().Name}");
            }
        }
    }
}
