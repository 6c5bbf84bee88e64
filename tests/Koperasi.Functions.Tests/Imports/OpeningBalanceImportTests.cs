using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>Opening balances posted through the ledger: a second import is a no-op, another amount is refused, and the statement starts from them.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpeningBalanceImportTests(ApiFixture fixture)
{
    private const string File = "Nomor Anggota;Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela\nA-001;100.000;1.200.000;2.500.000\nA-002;100000;600000;\n";

    [Fact]
    public async Task ImportOpeningBalances_SameFileTwiceThenAnotherAmount_SecondChangesNothingAndTheChangeIsRefused()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");

        var first = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File);
        var trial = await TrialAsync(coop);
        var second = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File);
        var changed = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File.Replace("2.500.000", "2.600.000", StringComparison.Ordinal));

        Assert.Equal((2, 0), (first.GetProperty("imported").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal((0, 2, 0), (second.GetProperty("imported").GetInt32(), second.GetProperty("unchanged").GetInt32(), second.GetProperty("refused").GetInt32()));
        Assert.Equal((0, 1, 1), (changed.GetProperty("imported").GetInt32(), changed.GetProperty("unchanged").GetInt32(), changed.GetProperty("refused").GetInt32()));
        var refusal = changed.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((2, "Simpanan Sukarela"), (refusal.GetProperty("row").GetInt32(), refusal.GetProperty("column").GetString()));
        Assert.Equal(new Dictionary<string, long>
        {
            ["ekuitas_saldo_awal"] = -4_500_000, ["simpanan_pokok"] = 200_000, ["simpanan_sukarela"] = 2_500_000, ["simpanan_wajib"] = 1_800_000,
        }, trial);
        Assert.Equal(trial, await TrialAsync(coop));
    }

    [Fact]
    public async Task ImportOpeningBalances_ThreeAccounts_OneJournalPerMember()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");

        await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File);

        var day = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-001/ledger?from=2026-09-30&to=2026-09-30");
        var lines = day.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([("simpanan_pokok", 100_000L), ("simpanan_wajib", 1_200_000L), ("simpanan_sukarela", 2_500_000L)],
            lines.Select(l => (l.GetProperty("account").GetString()!, l.GetProperty("change").GetInt64())).ToList());
        Assert.Equal([("saldo-awal:A-001", 1L)], lines.Select(l => (l.GetProperty("transactionId").GetString()!, l.GetProperty("sequence").GetInt64())).Distinct().ToList());
        Assert.True((await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check")).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task ImportOpeningBalances_MemberImportedBeforeOneJournalPerMember_IsNotPostedTwice()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");
        // A-001's row as an import before the change posted it: one journal per account, ids saldo-awal:A-001:{account}.
        var occurredAt = new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.FromHours(8));
        var before = new Koperasi.Functions.Imports.ImportRow(2, "A-001", Pokok: 100_000, Wajib: 1_200_000, Sukarela: 2_500_000);
        var legacy = await fixture.Service<Koperasi.Functions.Ledger.LedgerPosting>().PostAsync(
            Koperasi.Functions.Imports.OpeningBalancePostings.PerAccount(coop.Id, before, occurredAt, new DateOnly(2026, 9, 30)));
        Assert.All(legacy, r => Assert.Equal(Koperasi.Functions.Ledger.PostingResult.Posted, r));

        var again = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File);
        var changed = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File.Replace("1.200.000", "1.300.000", StringComparison.Ordinal));

        Assert.Equal((1, 1, 0), (again.GetProperty("imported").GetInt32(), again.GetProperty("unchanged").GetInt32(), again.GetProperty("refused").GetInt32()));
        Assert.Equal([(2, "Simpanan Wajib")], changed.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList());
        var trial = await TrialAsync(coop);
        Assert.Equal((200_000, 1_800_000, 2_500_000, -4_500_000), (trial["simpanan_pokok"], trial["simpanan_wajib"], trial["simpanan_sukarela"], trial["ekuitas_saldo_awal"]));
        var a001 = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-001/ledger?from=2026-09-30&to=2026-09-30");
        Assert.Equal(3, a001.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ImportOpeningBalances_ThenTheNextMonth_MemberLedgerOpensWithThem()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");
        await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", File);

        var october = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-001/ledger?from=2026-10-01&to=2026-10-31");
        var pokokAgain = await coop.Admin.PostAsJsonAsync("/api/transactions", new
        {
            id = "pokok-again", memberId = "A-001", kind = "deposit", account = "simpanan_pokok", amount = 100_000, occurredAt = "2026-10-02T09:00:00+08:00",
        });
        pokokAgain.EnsureSuccessStatusCode();

        var opening = october.GetProperty("openingBalances");
        Assert.Equal((100_000, 1_200_000, 2_500_000),
            (opening.GetProperty("simpanan_pokok").GetInt64(), opening.GetProperty("simpanan_wajib").GetInt64(), opening.GetProperty("simpanan_sukarela").GetInt64()));
        Assert.Equal("pokok_already_paid", (await ApiFixture.WaitForStatusAsync(coop.Admin, "pokok-again")).GetProperty("reason").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ImportOpeningBalances_WithoutAsOf_Answers400()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await ImportFiles.PostCsvAsync(coop.Admin, "/api/imports/opening-balances", File);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("asOf", out _));
    }

    private static Task<Dictionary<string, long>> TrialAsync(TestCooperative coop) => ImportFiles.TrialAsync(coop.Admin, "2026-09-30");
}
