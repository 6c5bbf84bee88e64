using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Audit;

/// <summary>
/// What a member can check: the statement's digest of the member's chain head at the month's end, the month's root
/// over every member's head, and the proof that the one is in the other, all verified with the test's own SHA-256
/// code (<see cref="IndependentChain"/>), never the app's.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MonthlyRootTests(ApiFixture fixture)
{
    private const string Period = "2026-10";
    private static readonly string[] Members = ["R1", "R2", "R3"];

    [Fact]
    public async Task Proof_EveryMemberOfARun_FoldsToTheMonthsRootAndMatchesTheEmailedDigest()
    {
        var coop = await RunOctoberAsync();
        var ledger = new TableClient(fixture.Azurite.ConnectionString, "ledger");

        var root = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/ledger/roots/{Period}");
        var leaves = new List<string>();
        foreach (var member in Members.Order(StringComparer.Ordinal))
        {
            var proof = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{member}/proof/{Period}");
            var journals = await JournalsAsync(ledger, coop.Id, member);
            var head = IndependentChain.Recompute(journals)[^1];
            var statement = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{member}/statements/{Period}");
            var printed = statement.GetProperty("chainHead");
            Assert.Equal((journals.Count, head), (printed.GetProperty("sequence").GetInt64(), printed.GetProperty("hash").GetString()));
            Assert.Equal(IndependentChain.Digest(head), printed.GetProperty("digest").GetString());
            var email = Outbox.Read(Assert.Single(Outbox.Files(coop.Id, Period), f => Outbox.Read(f).To.ToString().Contains(member.ToLowerInvariant(), StringComparison.Ordinal)));
            Assert.Contains(IndependentChain.Digest(head), email.TextBody, StringComparison.Ordinal);
            Assert.Contains(IndependentChain.Digest(head), email.HtmlBody, StringComparison.Ordinal);

            var leaf = IndependentChain.Leaf(coop.Id, Period, member, journals.Count, head);
            Assert.Equal(leaf, proof.GetProperty("leaf").GetString());
            Assert.Equal(root.GetProperty("root").GetString(), IndependentChain.Fold(leaf, proof.GetProperty("path")));
            leaves.Add(leaf);
        }
        Assert.Equal(IndependentChain.Root(leaves), root.GetProperty("root").GetString());
        Assert.Equal(Members.Length, root.GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task Digest_HistoryRewrittenUnderAClosedMonth_ChangesTheDigestTheCheckAndTheRoot()
    {
        var coop = await RunOctoberAsync();
        var ledger = new TableClient(fixture.Azurite.ConnectionString, "ledger");
        var rootBefore = (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/ledger/roots/{Period}")).GetProperty("root").GetString();
        var printed = (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/R1/statements/{Period}")).GetProperty("chainHead").GetProperty("digest").GetString();

        // Someone with the data role and this repository's docs: one amount changed, then every hash after it and the head resealed, so each row is consistent again.
        var journals = await JournalsAsync(ledger, coop.Id, "R1");
        journals[0]["Amount"] = 1L;
        var previous = IndependentChain.Genesis;
        foreach (var row in journals)
        {
            row["ChainPrevious"] = previous;
            row["ChainHash"] = previous = IndependentChain.JournalHash(row, previous);
            await ledger.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        }
        var balance = (await ledger.GetEntityAsync<TableEntity>($"{coop.Id}|m|R1", "balance")).Value;
        balance["ChainHead"] = previous;
        await ledger.UpdateEntityAsync(balance, ETag.All, TableUpdateMode.Replace);

        Assert.NotEqual(printed, IndependentChain.Digest(previous));
        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        var broken = Assert.Single(check.GetProperty("chains").GetProperty("breaks").EnumerateArray());
        Assert.Equal(("R1", "month_head_mismatch"), (broken.GetProperty("memberId").GetString(), broken.GetProperty("reason").GetString()));

        // Rewriting the recorded month head and its leaf too leaves the chain consistent, but not the root the members were given.
        var head = (await ledger.GetEntityAsync<TableEntity>($"{coop.Id}|m|R1", $"head|{Period}")).Value;
        head["Hash"] = previous;
        await ledger.UpdateEntityAsync(head, ETag.All, TableUpdateMode.Replace);
        var leafRow = await ledger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"R1"}"))
            .Where(r => r.PartitionKey.StartsWith($"{coop.Id}|roots|{Period}|", StringComparison.Ordinal)).SingleAsync();
        leafRow["Hash"] = previous;
        await ledger.UpdateEntityAsync(leafRow, ETag.All, TableUpdateMode.Replace);

        Assert.True((await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check")).GetProperty("chains").GetProperty("intact").GetBoolean());
        Assert.NotEqual(rootBefore, (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/ledger/roots/{Period}")).GetProperty("root").GetString());
    }

    [Fact]
    public async Task Proof_MemberNotVisitedByARun_IsNotFound()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("N1");

        var proof = await coop.Admin.GetAsync($"/api/members/N1/proof/{Period}");
        var root = await coop.Admin.GetAsync($"/api/ledger/roots/{Period}");

        await Problem.AssertAsync(proof, System.Net.HttpStatusCode.NotFound, "proof_not_found");
        await Problem.AssertAsync(root, System.Net.HttpStatusCode.NotFound, "root_not_found");
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("26-10")]
    public async Task RootAndProof_NotAMonth_Is400InvalidPeriod(string period)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("N1");

        var proof = await coop.Admin.GetAsync($"/api/members/N1/proof/{period}");
        var root = await coop.Admin.GetAsync($"/api/ledger/roots/{period}");

        await Problem.AssertFieldAsync(proof, System.Net.HttpStatusCode.BadRequest, "invalid_period", "period");
        await Problem.AssertFieldAsync(root, System.Net.HttpStatusCode.BadRequest, "invalid_period", "period");
    }

    private async Task<TestCooperative> RunOctoberAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        foreach (var (member, i) in Members.Select((m, i) => (m, i)))
        {
            await coop.AddMemberAsync(member, "Anggota " + member, member.ToLowerInvariant() + "@example.test");
            await StatementSteps.PostAsync(coop, member, "deposit", "simpanan_sukarela", 100_000 * (i + 1), "2026-10-05T09:00:00+08:00");
            await StatementSteps.PostAsync(coop, member, "deposit", "simpanan_wajib", 50_000, "2026-10-06T09:00:00+08:00");
        }
        (await coop.Admin.PostAsync($"/api/statements/{Period}/run", null)).EnsureSuccessStatusCode();
        await StatementSteps.WaitForRunAsync(coop, Period);
        // A posting after the close: dated into November, so it moves the member's head but not October's.
        await StatementSteps.PostAsync(coop, "R2", "deposit", "simpanan_sukarela", 5_000, "2026-10-20T09:00:00+08:00");
        return coop;
    }

    private static async Task<List<TableEntity>> JournalsAsync(TableClient ledger, string cooperativeId, string member) =>
        (await ledger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {cooperativeId + "|m|" + member} and RowKey ge {"j|"} and RowKey lt {"j}"}")).ToListAsync())
            .Where(r => r.GetString("BusinessDate").StartsWith(Period, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
}
