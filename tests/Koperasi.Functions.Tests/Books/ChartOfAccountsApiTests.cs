using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Books;

/// <summary>The chart per cooperative over real HTTP and Azurite: the starter KSP chart, built-in protection, own accounts and their checks.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChartOfAccountsApiTests(ApiFixture fixture)
{
    private static async Task<Dictionary<string, JsonElement>> AccountsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/accounts")).GetProperty("items").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);

    [Fact]
    public async Task ListAccounts_NewCooperative_HasTheStarterKspChart()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var reader = await coop.ClientWithRoleAsync("reader");

        var accounts = await AccountsAsync(reader);

        foreach (var (code, expectedClass) in new[]
                 {
                     ("kas", "asset"), ("bank", "asset"), ("piutang_pinjaman", "asset"), ("simpanan_sukarela", "liability"), ("dana_pengurus", "liability"),
                     ("dana_pendidikan", "liability"), ("dana_sosial", "liability"), ("simpanan_pokok", "equity"), ("cadangan", "equity"),
                     ("shu_tahun_berjalan", "equity"), ("pendapatan_jasa_pinjaman", "income"), ("beban_listrik_air", "expense"), ("beban_gaji", "expense"),
                 })
        {
            Assert.True(accounts.TryGetValue(code, out var account), $"{code} is missing");
            Assert.Equal((expectedClass, true), (account.GetProperty("class").GetString(), account.GetProperty("builtIn").GetBoolean()));
        }
    }

    [Fact]
    public async Task PutAccount_BuiltInClassChange_Answers409AndKeepsTheClass()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsJsonAsync("/api/accounts/beban_sewa", new { name = "Sewa Kantor", @class = "asset" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "builtin_account");
        Assert.Equal("expense", (await AccountsAsync(coop.Admin))["beban_sewa"].GetProperty("class").GetString());
    }

    [Fact]
    public async Task PutAccount_BuiltInRenamedUnderAParent_KeepsItBuiltIn()
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync("/api/accounts/beban_umum", new { name = "Beban Umum", @class = "expense" })).EnsureSuccessStatusCode();

        var response = await coop.Admin.PutAsJsonAsync("/api/accounts/beban_sewa", new { name = "Sewa Kantor", @class = "expense", parent = "beban_umum" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = (await AccountsAsync(coop.Admin))["beban_sewa"];
        Assert.Equal(("Sewa Kantor", "beban_umum", true), (account.GetProperty("name").GetString(), account.GetProperty("parent").GetString(), account.GetProperty("builtIn").GetBoolean()));
    }

    [Theory]
    [InlineData("beban_x", "expense", "no_such_account", "parent")]
    [InlineData("beban_x", "expense", "kas", "parent")]
    [InlineData("Beban-X", "expense", null, "code")]
    [InlineData("kliring_bank_x", "asset", null, "code")]
    [InlineData("beban_x", "cost", null, "class")]
    public async Task PutAccount_InvalidCodeClassOrParent_Answers400NamingTheField(string code, string accountClass, string? parent, string field)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsJsonAsync($"/api/accounts/{code}", new { name = "Akun Uji", @class = accountClass, parent });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task PutAccount_ParentThatDescendsFromIt_Answers400Cycle()
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync("/api/accounts/beban_a", new { name = "A", @class = "expense" })).EnsureSuccessStatusCode();
        (await coop.Admin.PutAsJsonAsync("/api/accounts/beban_b", new { name = "B", @class = "expense", parent = "beban_a" })).EnsureSuccessStatusCode();

        var response = await coop.Admin.PutAsJsonAsync("/api/accounts/beban_a", new { name = "A", @class = "expense", parent = "beban_b" });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "parent");
    }

    [Fact]
    public async Task PutAccount_TellerKey_Answers403()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var teller = await coop.ClientWithRoleAsync("teller");

        var response = await teller.PutAsJsonAsync("/api/accounts/beban_x", new { name = "X", @class = "expense" });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task TrialBalance_OwnAccountWithEntries_NamesItByTheCooperativesChart()
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync("/api/accounts/beban_internet", new { name = "Beban Internet Kantor", @class = "expense", parent = "beban_listrik_air" })).EnsureSuccessStatusCode();
        await BooksJson.PostOkAsync(coop, BooksJson.Entry("gj-net", "2026-10-05T10:00:00+08:00",
            BooksJson.Line("beban_internet", debit: 350_000), BooksJson.Line("kas", credit: 350_000)));

        var trial = await BooksJson.TrialBalanceAsync(coop, "2026-10-31");

        Assert.Equal(("Beban Internet Kantor", "expense", 350_000L), trial["beban_internet"]);
        Assert.Equal(-350_000L, trial["kas"].Balance);
    }

    [Fact]
    public async Task PutAccount_ClassChangeOfAnAccountWithEntries_Answers409()
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync("/api/accounts/pendapatan_sewa", new { name = "Pendapatan Sewa Gedung", @class = "income" })).EnsureSuccessStatusCode();
        await BooksJson.PostOkAsync(coop, BooksJson.Entry("gj-sewa", "2026-10-05T10:00:00+08:00",
            BooksJson.Line("kas", debit: 1_000_000), BooksJson.Line("pendapatan_sewa", credit: 1_000_000)));

        var response = await coop.Admin.PutAsJsonAsync("/api/accounts/pendapatan_sewa", new { name = "Pendapatan Sewa Gedung", @class = "liability" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "account_in_use");
    }
}
