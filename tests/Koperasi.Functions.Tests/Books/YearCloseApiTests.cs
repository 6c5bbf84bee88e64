using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using Xunit.Abstractions;
using static Koperasi.Functions.Tests.Books.BooksJson;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// Closing the year over real HTTP and Azurite: refused until the year has ended; the closing entry zeroes the year's
/// income and expenses (member postings' and the general journal's) into shu_tahun_berjalan, which equals a sum made
/// here; later postings dated in the year land on 1 January; a second close answers the same; a race loses nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class YearCloseApiTests(ApiFixture fixture, ITestOutputHelper output)
{
    /// <summary>The last year that has ended in WITA, the test cooperatives' zone.</summary>
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year - 1;

    private static string Day(int month, int day, int year = 0) => $"{(year == 0 ? Year : year):D4}-{month:D2}-{day:D2}";

    private static string At(int month, int day) => Day(month, day) + "T10:00:00+08:00";

    /// <summary>
    /// A small year: a loan disbursed in June (admin fee 100,000 income, in the member's partition) and its first
    /// installment paid in July (jasa 150,000), other income 5,000,000, salaries 2,000,000, electricity 600,000 and
    /// an own expense account 100,000. Income 5,250,000 − expenses 2,700,000 = SHU 2,550,000.
    /// </summary>
    private async Task<TestCooperative> SmallYearAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-1");
        await LoanJson.PutProductAsync(coop);
        await LoanSteps.ActiveLoanAsync(coop, "L-1", "A-1", LoanSteps.At(Year, 6, 10));
        var repaid = await LoanSteps.RepayAsync(coop, Postings.NewId(), "A-1", "L-1", 983_333, LoanSteps.At(Year, 7, 5));
        Assert.Equal("posted", repaid.GetProperty("status").GetString());
        (await coop.Admin.PutAsJsonAsync("/api/accounts/beban_internet", new { name = "Beban Internet", @class = "expense" })).EnsureSuccessStatusCode();
        await PostOkAsync(coop, Entry("gj-lain", At(3, 1), Line("bank", debit: 5_000_000), Line("pendapatan_lain", credit: 5_000_000)));
        await PostOkAsync(coop, Entry("gj-gaji", At(4, 25), Line("beban_gaji", debit: 2_000_000), Line("kas", credit: 2_000_000)));
        await PostOkAsync(coop, Entry("gj-listrik", At(12, 31), Line("beban_listrik_air", debit: 600_000), Line("kas", credit: 600_000)));
        await PostOkAsync(coop, Entry("gj-net", At(9, 9), Line("beban_internet", debit: 100_000), Line("bank", credit: 100_000)));
        return coop;
    }

    [Fact]
    public async Task CloseYear_YearNotEnded_Answers409AndClosesNothing()
    {
        var coop = await fixture.NewCooperativeAsync();
        await PostOkAsync(coop, Entry("gj-1", (Year + 1) + "-01-05T10:00:00+08:00", Line("beban_sewa", debit: 1_000), Line("kas", credit: 1_000)));

        var response = await coop.Admin.PostAsync($"/api/years/{Year + 1}/close", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "year_not_ended");
        var late = await PostOkAsync(coop, Entry("gj-2", (Year + 1) + "-01-06T10:00:00+08:00", Line("beban_sewa", debit: 1_000), Line("kas", credit: 1_000)));
        Assert.Equal((Year + 1) + "-01-06", late.GetProperty("businessDate").GetString());
    }

    [Fact]
    public async Task CloseYear_BadYear_Answers400()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsync("/api/years/20x5/close", null);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_year");
    }

    [Fact]
    public async Task CloseYear_EndedYear_MovesIncomeAndExpensesIntoShuTahunBerjalan()
    {
        var coop = await SmallYearAsync();

        var response = await coop.Admin.PostAsync($"/api/years/{Year}/close", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var closing = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((5_250_000L, 2_700_000L, 2_550_000L), (closing.GetProperty("income").GetInt64(), closing.GetProperty("expenses").GetInt64(), closing.GetProperty("shu").GetInt64()));
        var entry = closing.GetProperty("closingEntry");
        Assert.Equal(($"tutup-buku-{Year}", "year_close", Day(12, 31)), (entry.GetProperty("id").GetString(), entry.GetProperty("kind").GetString(), entry.GetProperty("businessDate").GetString()));
        var before = await TrialBalanceAsync(coop, Day(12, 30));
        Assert.Equal((100_000L, 150_000L, 5_000_000L), (before["pendapatan_administrasi"].Balance, before["pendapatan_jasa_pinjaman"].Balance, before["pendapatan_lain"].Balance));
        var after = await TrialBalanceAsync(coop, Day(12, 31));
        Assert.All(after.Where(a => a.Value.Class is "income" or "expense"), a => Assert.True(a.Value.Balance == 0, $"{a.Key} is {a.Value.Balance} after the close"));
        Assert.Equal(2_550_000L, after["shu_tahun_berjalan"].Balance);
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task CloseYear_Twice_AnswersTheSameClosing()
    {
        var coop = await SmallYearAsync();
        var first = await (await coop.Admin.PostAsync($"/api/years/{Year}/close", null)).Content.ReadAsStringAsync();

        var again = await coop.Admin.PostAsync($"/api/years/{Year}/close", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Equal(2_550_000L, (await TrialBalanceAsync(coop, Day(12, 31)))["shu_tahun_berjalan"].Balance);
    }

    [Fact]
    public async Task CloseYear_LatePostingsDatedInTheYear_LandOnTheFirstDayOfTheNextYear()
    {
        var coop = await SmallYearAsync();
        (await coop.Admin.PostAsync($"/api/years/{Year}/close", null)).EnsureSuccessStatusCode();

        var entry = await PostOkAsync(coop, Entry("gj-late", At(8, 1), Line("beban_sewa", debit: 400_000), Line("kas", credit: 400_000)));
        var deposit = Postings.NewId();
        (await coop.Admin.PostAsJsonAsync("/api/transactions", new { id = deposit, memberId = "A-1", kind = "deposit", account = "simpanan_sukarela", amount = 70_000, occurredAt = At(9, 1) })).EnsureSuccessStatusCode();
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, deposit);

        Assert.Equal((Day(1, 1, Year + 1), At(8, 1)), (entry.GetProperty("businessDate").GetString(), entry.GetProperty("occurredAt").GetString()));
        Assert.Equal(Day(1, 1, Year + 1), status.GetProperty("businessDate").GetString());
        Assert.False((await TrialBalanceAsync(coop, Day(12, 31))).ContainsKey("beban_sewa"));
        Assert.Equal(400_000L, (await TrialBalanceAsync(coop, Day(1, 1, Year + 1)))["beban_sewa"].Balance);
    }

    [Fact]
    public async Task CloseYear_WhileEntriesDatedInTheYearArrive_EachIsInTheFigureOrInTheNextYear()
    {
        var coop = await fixture.NewCooperativeAsync();
        await PostOkAsync(coop, Entry("gj-0", At(2, 1), Line("beban_sewa", debit: 1_000), Line("kas", credit: 1_000)));
        var amounts = Enumerable.Range(1, 24).Select(i => (Id: $"gj-{i}", Amount: 1_000L * i)).ToList();

        var posts = amounts.Select(a => PostOkAsync(coop, Entry(a.Id, At(6, 1), Line("beban_sewa", debit: a.Amount), Line("kas", credit: a.Amount)))).ToList();
        var close = coop.Admin.PostAsync($"/api/years/{Year}/close", null);
        var entries = await Task.WhenAll(posts);
        var closing = await (await close).Content.ReadFromJsonAsync<JsonElement>();

        var inYear = 1_000 + entries.Where(e => e.GetProperty("businessDate").GetString()!.StartsWith($"{Year}-", StringComparison.Ordinal))
            .Sum(e => e.GetProperty("lines")[0].GetProperty("debit").GetInt64());
        Assert.All(entries.Where(e => !e.GetProperty("businessDate").GetString()!.StartsWith($"{Year}-", StringComparison.Ordinal)),
            e => Assert.Equal(Day(1, 1, Year + 1), e.GetProperty("businessDate").GetString()));
        output.WriteLine($"{entries.Count(e => e.GetProperty("businessDate").GetString()!.StartsWith($"{Year}-", StringComparison.Ordinal))} of {entries.Length} entries landed in {Year}, the rest on 1 January");
        Assert.Equal(inYear, closing.GetProperty("expenses").GetInt64());
        Assert.Equal(0L, (await TrialBalanceAsync(coop, Day(12, 31)))["beban_sewa"].Balance);
    }
}
