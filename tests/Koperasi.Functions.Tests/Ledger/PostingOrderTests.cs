using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>Offline order holds: a member's items inside one batch are applied in the order sent, whatever the queue does.</summary>
[Collection(ApiCollection.Name)]
public sealed class PostingOrderTests(ApiFixture fixture)
{
    private LedgerPosting Posting => fixture.Service<LedgerPosting>();
    private LedgerAudit Audit => fixture.Service<LedgerAudit>();

    [Fact]
    public async Task OfflineBatch_DepositThenWithdrawalForTwelveMembers_AllPostThroughTheRealQueue()
    {
        var coop = await fixture.NewCooperativeAsync();
        var members = Enumerable.Range(1, 12).Select(i => $"O{i:D2}").ToList();
        foreach (var member in members)
        {
            await coop.AddMemberAsync(member);
        }
        // As a teller's app syncs a day offline: each member's deposit at 09:00, then all the withdrawals at 11:00.
        var items = members.Select(m => Item(m, "deposit", 100_000, "2026-10-20T09:00:00+08:00"))
            .Concat(members.Select(m => Item(m, "withdrawal", 60_000, "2026-10-20T11:00:00+08:00"))).ToList();

        var response = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(JsonSerializer.Serialize(items)));

        response.EnsureSuccessStatusCode();
        foreach (var item in items)
        {
            var status = await ApiFixture.WaitForStatusAsync(coop.Admin, (string)item["id"]);
            Assert.True(status.GetProperty("status").GetString() == "posted", status.ToString());
        }
        foreach (var member in members)
        {
            var balances = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{member}/balances");
            Assert.Equal(40_000, balances.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());
        }
        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString());
    }

    [Fact]
    public async Task PostGroup_WithdrawalSentBeforeItsDeposit_IsRejectedBecauseOrderIsTheSendersOrder()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("P1");
        var withdrawal = Postings.Withdrawal(coop.Id, "P1", 60_000);
        var deposit = Postings.Deposit(coop.Id, "P1", TransactionKinds.SimpananSukarela, 100_000);

        var results = await Posting.PostAsync(new PostingGroup(coop.Id, "P1", [withdrawal, deposit]));

        Assert.Equal([PostingResult.Rejected, PostingResult.Posted], results);
    }

    [Fact]
    public async Task PostGroup_MoreWritesThanOneEntityGroupTransaction_PostsEveryItemInOrder()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("P2");
        // 40 deposits and 40 withdrawals on 80 different days: about 4 entities each, over three transactions of ≤ 100.
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var items = Enumerable.Range(0, 80).Select(i => i % 2 == 0
            ? Postings.Deposit(coop.Id, "P2", TransactionKinds.SimpananSukarela, 10_000 + i, at: start.AddDays(i))
            : Postings.Withdrawal(coop.Id, "P2", 10_000 + i - 1, at: start.AddDays(i))).ToList();

        var results = await Posting.PostAsync(new PostingGroup(coop.Id, "P2", items));

        Assert.All(results, r => Assert.Equal(PostingResult.Posted, r));
        Assert.Equal(0, (await fixture.Service<LedgerReader>().CurrentBalancesAsync(coop.Id, "P2")).Sukarela);
        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(80, report.Journals);
    }

    [Fact]
    public void PostingPass_ManyItems_NeverCollectsMoreThanOneTransactionHolds()
    {
        var cooperative = new Cooperative("kc", "K", "Asia/Makassar", 100_000, 50_000, DateTimeOffset.UnixEpoch);
        var pass = new PostingPass("kc|m|x", cooperative, null, new Dictionary<string, Azure.Data.Tables.TableEntity>(), memberKnown: true, DateTimeOffset.UnixEpoch);
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(8));

        var applied = Enumerable.Range(0, 60).Select(i => Postings.Deposit("kc", "x", TransactionKinds.SimpananWajib, 1_000, at: start.AddDays(i)))
            .TakeWhile(m => pass.TryApply(m) is not null).Count();

        // Each deposit on a day of its own writes a marker, a journal and a day rollup; the balances row and the
        // month rollups are shared: 3 per item + 1 + the months touched.
        Assert.InRange(applied, 30, 32);
        Assert.InRange(pass.Actions().Count, 95, PostingPass.MaxEntities);
        Assert.Equal(applied * 3 + 1 + pass.Actions().Count(a => a.Entity.RowKey.StartsWith(LedgerKeys.MonthPrefix, StringComparison.Ordinal)), pass.Actions().Count);
    }

    [Fact]
    public async Task PostGroup_LaterPartBeforeTheEarlierOne_WaitsAndThenPostsInOrder()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("P3");
        var longText = new string('x', 450);
        var items = Enumerable.Range(0, 150).Select(i => i == 149
            ? Postings.Withdrawal(coop.Id, "P3", 149 * 1_000) with { Description = longText }
            : Postings.Deposit(coop.Id, "P3", TransactionKinds.SimpananSukarela, 1_000) with { Description = longText }).ToList();
        var parts = PostingGroup.Split(coop.Id, "P3", items, m => TransactionQueue.Serialize(m).Length);
        Assert.True(parts.Count >= 2, $"{parts.Count} parts");
        Assert.All(parts, p => Assert.True(TransactionQueue.Serialize(p).Length <= PostingGroup.MaxMessageBytes));
        Assert.Equal(items.Select(i => i.Id), parts.SelectMany(p => p.Items).Select(i => i.Id));

        // The queue delivers the last part first: it waits (the queue retries it) and posts nothing.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Posting.PostAsync(parts[^1]));
        Assert.Equal(0, (await Audit.RunAsync(coop.Id)).Journals);
        foreach (var part in parts)
        {
            await Posting.PostAsync(part);
        }

        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(150, report.Journals);
        Assert.Equal(0, (await fixture.Service<LedgerReader>().CurrentBalancesAsync(coop.Id, "P3")).Sukarela);
    }

    private static Dictionary<string, object> Item(string member, string kind, long amount, string occurredAt) => new()
    {
        ["id"] = Postings.NewId(),
        ["memberId"] = member,
        ["kind"] = kind,
        ["account"] = "simpanan_sukarela",
        ["amount"] = amount,
        ["occurredAt"] = occurredAt,
    };
}
