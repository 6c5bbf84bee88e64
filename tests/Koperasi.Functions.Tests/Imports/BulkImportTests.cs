using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>
/// A cooperative moving in: 5,000 members and their opening balances through the LocalHost, Azurite and the
/// imports queue; the trial balance at the cut-over date against totals computed here from the generated rows.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BulkImportTests(ApiFixture fixture)
{
    private const int Members = 5_000;
    private const string AsOf = "2026-09-30";

    [Fact]
    public async Task ImportFiveThousandMembers_WithOpeningBalances_TrialBalanceEqualsTheFileTotals()
    {
        var coop = await fixture.NewCooperativeAsync();
        var random = new Random(13);
        var rows = Enumerable.Range(1, Members).Select(i => (Id: $"M{i:D5}", Pokok: i % 7 == 0 ? 0L : 100_000L, Wajib: random.Next(0, 200) * 25_000L,
            Sukarela: (long)random.Next(0, 5_000_000))).ToList();
        var members = new StringBuilder("Nomor Anggota;Nama;Email;Telepon;Tanggal Masuk\n");
        var balances = new StringBuilder("Nomor Anggota,Nama,Simpanan Pokok,Simpanan Wajib,Simpanan Sukarela\n");
        foreach (var r in rows)
        {
            members.Append(CultureInfo.InvariantCulture, $"{r.Id};Anggota {r.Id};;;01/02/2020\n");
            // Indonesian grouping in a comma-separated file needs quotes; half the rows use it.
            var sukarela = r.Sukarela % 2 == 0 ? $"\"{r.Sukarela.ToString("N0", CultureInfo.GetCultureInfo("id-ID"))}\"" : r.Sukarela.ToString(CultureInfo.InvariantCulture);
            balances.Append(CultureInfo.InvariantCulture, $"{r.Id},Anggota {r.Id},{r.Pokok},{r.Wajib},{sukarela}\n");
        }
        var started = DateTime.UtcNow;

        var memberImport = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/members", members.ToString());
        var balanceImport = await ImportFiles.ImportCsvAsync(coop.Admin, $"/api/imports/opening-balances?asOf={AsOf}", balances.ToString());

        var took = DateTime.UtcNow - started;
        Assert.Equal(("completed", Members, 0), (memberImport.GetProperty("status").GetString(), memberImport.GetProperty("imported").GetInt32(), memberImport.GetProperty("refused").GetInt32()));
        Assert.Equal(("completed", Members, 0), (balanceImport.GetProperty("status").GetString(), balanceImport.GetProperty("imported").GetInt32(), balanceImport.GetProperty("refused").GetInt32()));
        Assert.True(balanceImport.GetProperty("progress").GetProperty("chunks").GetInt32() > 1, "the rows fan out over several queue messages");
        var trial = await TrialAsync(coop.Admin);
        Assert.Equal(rows.Sum(r => r.Pokok), trial["simpanan_pokok"]);
        Assert.Equal(rows.Sum(r => r.Wajib), trial["simpanan_wajib"]);
        Assert.Equal(rows.Sum(r => r.Sukarela), trial["simpanan_sukarela"]);
        Assert.Equal(-rows.Sum(r => r.Pokok + r.Wajib + r.Sukarela), trial["ekuitas_saldo_awal"]);
        Assert.True(took < TimeSpan.FromMinutes(6), $"took {took}");

        // The members file again: every row is found in place at the check, nothing is queued. (A second opening-balances
        // import is shown on a small file in OpeningBalanceImportTests: on Azurite it costs as much as the first.)
        var again = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/members", members.ToString());

        Assert.Equal((0, Members, 0), (again.GetProperty("imported").GetInt32(), again.GetProperty("unchanged").GetInt32(), again.GetProperty("queued").GetInt32()));
        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        Assert.Equal(JsonValueKind.Array, check.GetProperty("problems").ValueKind);
        Assert.Equal(0, check.GetProperty("problems").GetArrayLength());
        // One journal per member with a balance (issue 13: "one journal per member"), whatever its number of accounts.
        Assert.Equal(rows.Count(r => r.Pokok + r.Wajib + r.Sukarela > 0), check.GetProperty("journals").GetInt32());
    }

    private static async Task<Dictionary<string, long>> TrialAsync(HttpClient client)
    {
        var trial = await client.GetFromJsonAsync<JsonElement>($"/api/ledger/trial-balance?asOf={AsOf}");
        Assert.True(trial.GetProperty("balanced").GetBoolean());
        return trial.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("balance").GetInt64());
    }
}
