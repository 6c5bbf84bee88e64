using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Audit;

/// <summary>
/// The journal chain against tampering done the way an account's data role could do it: rows edited, deleted and
/// swapped directly in Azurite, then <c>GET /api/ledger/check</c> must name the member and the sequence of the first broken link.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class JournalChainTests(ApiFixture fixture)
{
    private const string Member = "H1";

    [Fact]
    public async Task Journals_PostedThroughTheQueue_HashToTheDocumentedCanonicalFormAndTheHeadIsTheLast()
    {
        var (coop, ledger) = await FourDepositsAsync();

        var rows = await PartitionAsync(ledger, coop.Id);
        var journals = Journals(rows);
        var recomputed = IndependentChain.Recompute(journals);
        Assert.Equal(4, journals.Count);
        Assert.Equal(recomputed, journals.Select(j => j.GetString("ChainHash")));
        Assert.Equal([IndependentChain.Genesis, .. recomputed[..^1]], journals.Select(j => j.GetString("ChainPrevious")));
        var balance = rows.Single(r => r.RowKey == "balance");
        Assert.Equal(recomputed[^1], balance.GetString("ChainHead"));
        Assert.Equal(4, balance.GetInt64("Sequence"));
        var check = await CheckAsync(coop);
        Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString());
        Assert.True(check.GetProperty("chains").GetProperty("intact").GetBoolean());
        Assert.Equal(4, check.GetProperty("chains").GetProperty("sealedJournals").GetInt32());
    }

    [Fact]
    public async Task Check_AmountEditedInStorage_NamesTheMemberAndSequence()
    {
        var (coop, ledger) = await FourDepositsAsync();
        var row = (await ledger.GetEntityAsync<TableEntity>(Partition(coop.Id), "j|0000000002")).Value;
        row["Amount"] = 2_000_000L;
        await ledger.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var broken = await SingleBreakAsync(coop);

        Assert.Equal((Member, 2L, "content_changed"), broken);
    }

    [Fact]
    public async Task Check_JournalDeletedInStorage_NamesTheMissingSequence()
    {
        var (coop, ledger) = await FourDepositsAsync();
        await ledger.DeleteEntityAsync(Partition(coop.Id), "j|0000000003");

        var broken = await SingleBreakAsync(coop);

        Assert.Equal((Member, 3L, "missing"), broken);
    }

    [Fact]
    public async Task Check_TwoJournalsSwappedInStorage_NamesTheFirstReorderedSequence()
    {
        var (coop, ledger) = await FourDepositsAsync();
        var second = (await ledger.GetEntityAsync<TableEntity>(Partition(coop.Id), "j|0000000002")).Value;
        var third = (await ledger.GetEntityAsync<TableEntity>(Partition(coop.Id), "j|0000000003")).Value;
        (second.RowKey, third.RowKey) = (third.RowKey, second.RowKey);
        await ledger.UpdateEntityAsync(second, ETag.All, TableUpdateMode.Replace);
        await ledger.UpdateEntityAsync(third, ETag.All, TableUpdateMode.Replace);

        var broken = await SingleBreakAsync(coop);

        Assert.Equal((Member, 2L, "link_broken"), broken);
    }

    [Fact]
    public async Task Check_LastJournalDeletedAndHeadLeft_NamesTheMissingLastSequence()
    {
        var (coop, ledger) = await FourDepositsAsync();
        await ledger.DeleteEntityAsync(Partition(coop.Id), "j|0000000004");

        var broken = await SingleBreakAsync(coop);

        Assert.Equal((Member, 4L, "missing"), broken);
    }

    [Fact]
    public async Task Check_HeadOnTheBalancesRowMoved_NamesAHeadMismatch()
    {
        var (coop, ledger) = await FourDepositsAsync();
        var balance = (await ledger.GetEntityAsync<TableEntity>(Partition(coop.Id), "balance")).Value;
        balance["ChainHead"] = IndependentChain.Recompute(Journals(await PartitionAsync(ledger, coop.Id)))[2];
        await ledger.UpdateEntityAsync(balance, ETag.All, TableUpdateMode.Replace);

        var broken = await SingleBreakAsync(coop);

        Assert.Equal((Member, 4L, "head_mismatch"), broken);
    }

    [Fact]
    public async Task Check_JournalsPostedBeforeTheChain_AreALegacyPrefixAndTheChainStartsAtGenesis()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(Member);
        var ledger = new TableClient(fixture.Azurite.ConnectionString, "ledger");
        await StatementSteps.PostAsync(coop, Member, "deposit", "simpanan_sukarela", 10_000, "2026-10-01T09:00:00+08:00");
        await StatementSteps.PostAsync(coop, Member, "deposit", "simpanan_sukarela", 20_000, "2026-10-02T09:00:00+08:00");
        // What rows written before the chain existed look like: no hash on the journals, no head on the balances row.
        foreach (var row in await PartitionAsync(ledger, coop.Id))
        {
            if (row.RowKey.StartsWith("j|", StringComparison.Ordinal) || row.RowKey == "balance")
            {
                row.Remove("ChainHash");
                row.Remove("ChainPrevious");
                row.Remove("ChainHead");
                await ledger.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
            }
        }

        await StatementSteps.PostAsync(coop, Member, "deposit", "simpanan_sukarela", 30_000, "2026-10-03T09:00:00+08:00");

        var third = Journals(await PartitionAsync(ledger, coop.Id))[2];
        Assert.Equal(IndependentChain.Genesis, third.GetString("ChainPrevious"));
        Assert.Equal(IndependentChain.JournalHash(third, IndependentChain.Genesis), third.GetString("ChainHash"));
        var chains = (await CheckAsync(coop)).GetProperty("chains");
        Assert.True(chains.GetProperty("intact").GetBoolean(), chains.ToString());
        Assert.Equal((2, 1), (chains.GetProperty("legacyJournals").GetInt32(), chains.GetProperty("sealedJournals").GetInt32()));
    }

    private async Task<(TestCooperative Coop, TableClient Ledger)> FourDepositsAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(Member);
        foreach (var (amount, day) in new[] { (100_000L, 5), (200_000L, 6), (300_000L, 7), (400_000L, 8) })
        {
            await StatementSteps.PostAsync(coop, Member, "deposit", "simpanan_sukarela", amount, $"2026-10-{day:00}T09:00:00+08:00", "Setoran");
        }
        return (coop, new TableClient(fixture.Azurite.ConnectionString, "ledger"));
    }

    private static string Partition(string cooperativeId) => $"{cooperativeId}|m|{Member}";

    private static async Task<List<TableEntity>> PartitionAsync(TableClient ledger, string cooperativeId) =>
        await ledger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(cooperativeId)}")).ToListAsync();

    private static List<TableEntity> Journals(IEnumerable<TableEntity> rows) =>
        rows.Where(r => r.RowKey.StartsWith("j|", StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();

    private static async Task<JsonElement> CheckAsync(TestCooperative coop) => await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");

    private static async Task<(string Member, long Sequence, string Reason)> SingleBreakAsync(TestCooperative coop)
    {
        var check = await CheckAsync(coop);
        Assert.False(check.GetProperty("ok").GetBoolean());
        var broken = Assert.Single(check.GetProperty("chains").GetProperty("breaks").EnumerateArray());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("journal chain broken", StringComparison.Ordinal));
        return (broken.GetProperty("memberId").GetString()!, broken.GetProperty("sequence").GetInt64(), broken.GetProperty("reason").GetString()!);
    }
}
