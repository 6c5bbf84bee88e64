using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>From intake over HTTP, through the real queue and queue function, to the ledger reads.</summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerApiTests(ApiFixture fixture)
{
    private static object Tx(string id, string memberId, string kind, string account, long amount, string occurredAt, string? reference = null) =>
        new { id, memberId, kind, account, amount, occurredAt, reference };

    [Fact]
    public async Task PostedTransaction_StatusShowsBusinessDateAndBalancesAfter()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("E1");
        var id = Postings.NewId();

        await coop.Admin.PostAsJsonAsync("/api/transactions", Tx(id, "E1", "deposit", "simpanan_sukarela", 125_000, "2026-10-31T16:30:00Z"));
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, id);

        Assert.Equal("posted", status.GetProperty("status").GetString());
        Assert.Equal("2026-11-01", status.GetProperty("businessDate").GetString());
        Assert.Equal(125_000, status.GetProperty("balancesAfter").GetProperty("simpanan_sukarela").GetInt64());
    }

    [Fact]
    public async Task RejectedTransaction_StatusShowsReasonCodeAndPlainMessage()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("E2");
        var id = Postings.NewId();

        await coop.Admin.PostAsJsonAsync("/api/transactions", Tx(id, "E2", "withdrawal", "simpanan_sukarela", 1_000, "2026-10-10T09:00:00+08:00"));
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, id);

        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Equal("insufficient_balance", status.GetProperty("reason").GetProperty("code").GetString());
        Assert.Contains("Rp0", status.GetProperty("reason").GetProperty("message").GetString());
    }

    [Fact]
    public async Task BalancesLedgerAndTrialBalance_AgreeAfterPostings()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        await coop.AddMemberAsync("E3");
        var ids = new[] { Postings.NewId(), Postings.NewId(), Postings.NewId(), Postings.NewId() };
        var response = await coop.Admin.PostAsJsonAsync("/api/transactions", new[]
        {
            Tx(ids[0], "E3", "deposit", "simpanan_pokok", 100_000, "2026-10-01T09:00:00+08:00"),
            Tx(ids[1], "E3", "deposit", "simpanan_sukarela", 300_000, "2026-10-02T09:00:00+08:00"),
            Tx(ids[2], "E3", "deposit", "simpanan_wajib", 50_000, "2026-10-03T09:00:00+08:00"),
            Tx(ids[3], "E3", "withdrawal", "simpanan_sukarela", 120_000, "2026-10-04T09:00:00+08:00"),
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        foreach (var id in ids.Take(3))
        {
            Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, id)).GetProperty("status").GetString());
        }
        // The withdrawal may arrive before the sukarela deposit (the queue is unordered); it is then rejected, never negative.
        var withdrawn = (await ApiFixture.WaitForStatusAsync(coop.Admin, ids[3])).GetProperty("status").GetString() == "posted" ? 120_000 : 0;

        var balances = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/E3/balances");
        Assert.Equal(100_000, balances.GetProperty("balances").GetProperty("simpanan_pokok").GetInt64());
        Assert.Equal(50_000, balances.GetProperty("balances").GetProperty("simpanan_wajib").GetInt64());
        Assert.Equal(300_000 - withdrawn, balances.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());

        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/E3/ledger?from=2026-10-01&to=2026-10-31&limit=2");
        Assert.Equal(2, ledger.GetProperty("items").GetArrayLength());
        var next = ledger.GetProperty("continuationToken").GetString();
        var rest = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/E3/ledger?from=2026-10-01&to=2026-10-31&limit=10&continuationToken={Uri.EscapeDataString(next!)}");
        var last = rest.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(300_000 - withdrawn, last.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());
        Assert.Equal(ledger.GetProperty("items").GetArrayLength() + rest.GetProperty("items").GetArrayLength(), withdrawn > 0 ? 4 : 3);

        var trial = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance?asOf=2026-10-31");
        Assert.True(trial.GetProperty("balanced").GetBoolean());
        Assert.Equal(450_000 + withdrawn, trial.GetProperty("totalDebit").GetInt64());
        var kas = trial.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "kas");
        Assert.Equal(450_000 - withdrawn, kas.GetProperty("balance").GetInt64());

        var before = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance?asOf=2026-10-01");
        Assert.Equal(100_000, before.GetProperty("totalDebit").GetInt64());
    }

    [Fact]
    public async Task MemberReads_OfAnotherCooperative_Are404()
    {
        var mine = await fixture.NewCooperativeAsync();
        var theirs = await fixture.NewCooperativeAsync();
        await theirs.AddMemberAsync("X1");

        var response = await mine.Admin.GetAsync("/api/members/X1/balances");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task FailingPosting_IsPoisonedListedAndReplayedOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("F1");
        var id = "fail-" + Guid.NewGuid().ToString("N");
        fixture.Faults.FailIdsStartingWith(id);
        try
        {
            await coop.Admin.PostAsJsonAsync("/api/transactions", Tx(id, "F1", "deposit", "simpanan_sukarela", 40_000, "2026-10-05T09:00:00+08:00"));
            var failure = await WaitForFailureAsync(coop, id);
            Assert.Equal("poisoned", failure.GetProperty("status").GetString());
            Assert.Contains("injected fault", failure.GetProperty("error").GetString());
            var failed = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}");
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal(failure.GetProperty("id").GetString(), failed.GetProperty("failureId").GetString());

            fixture.Faults.FailIdsStartingWith(null);
            var teller = await coop.ClientWithRoleAsync("teller");
            var forbidden = await teller.PostAsync($"/api/failures/{failure.GetProperty("id").GetString()}/replay", null);
            await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
            var replay = await coop.Admin.PostAsync($"/api/failures/{failure.GetProperty("id").GetString()}/replay", null);
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

            Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, id)).GetProperty("status").GetString());
            var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
            Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString());
            Assert.Equal(1, check.GetProperty("journals").GetInt32());
        }
        finally
        {
            fixture.Faults.FailIdsStartingWith(null);
        }
    }

    private static async Task<JsonElement> WaitForFailureAsync(TestCooperative coop, string transactionId)
    {
        for (var i = 0; i < 300; i++)
        {
            var list = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/failures");
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("transactionId").GetString() == transactionId && item.GetProperty("status").GetString() == "poisoned")
                {
                    return item;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no poisoned failure recorded for {transactionId}");
    }
}
