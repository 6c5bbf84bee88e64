using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using static Koperasi.Functions.Tests.Books.BooksJson;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// The SHU over real HTTP and Azurite: the policy, the draft of a small year (several members, loans, an expense, a
/// member who exited) against a computation made here from DOMAIN.md's formula on the postings this test sent, with
/// both capital bases, before and after the year close; and the distribution, once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ShuApiTests(ApiFixture fixture)
{
    /// <summary>The last year that has ended in WITA, the test cooperatives' zone.</summary>
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year - 1;

    private sealed record Saving(string Member, string Account, long Amount, DateOnly On);

    /// <summary>
    /// The savings the year holds (C's pokok came the year before); A and B pay jasa on flat 1.5% loans, A two
    /// installments of 10,000,000 (150,000 each), B one of 5,000,000 (75,000); the admin fees (1%) 150,000 and an
    /// electricity bill of 80,000: SHU = 300,000 + 75,000 + 150,000 − 80,000 = 445,000. D saves and exits in August.
    /// </summary>
    private static readonly Saving[] Savings =
    [
        new("A", "simpanan_pokok", 100_000, new(Year, 1, 10)), new("A", "simpanan_wajib", 50_000, new(Year, 1, 10)),
        new("A", "simpanan_wajib", 50_000, new(Year, 6, 10)), new("A", "simpanan_wajib", 50_000, new(Year, 11, 10)),
        new("A", "simpanan_sukarela", 1_000_000, new(Year, 2, 1)),
        new("B", "simpanan_pokok", 100_000, new(Year, 3, 5)), new("B", "simpanan_wajib", 50_000, new(Year, 3, 5)),
        new("B", "simpanan_wajib", 50_000, new(Year, 9, 5)),
        new("C", "simpanan_pokok", 100_000, new(Year - 1, 12, 20)), new("C", "simpanan_wajib", 50_000, new(Year, 12, 31)),
        new("D", "simpanan_pokok", 100_000, new(Year, 1, 15)),
    ];

    private static readonly Dictionary<string, long> JasaPaid = new() { ["A"] = 2 * 150_000, ["B"] = 75_000 };
    private const long Shu = 300_000 + 75_000 + 150_000 - 80_000;

    private async Task<TestCooperative> SmallYearAsync()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000, wajib: 50_000);
        foreach (var member in new[] { "A", "B", "C", "D" })
        {
            await coop.AddMemberAsync(member);
        }
        var items = new JsonArray();
        foreach (var s in Savings)
        {
            items.Add(new JsonObject
            {
                ["id"] = Postings.NewId(), ["memberId"] = s.Member, ["kind"] = "deposit", ["account"] = s.Account, ["amount"] = s.Amount,
                ["occurredAt"] = LoanSteps.Instant(LoanSteps.At(s.On.Year, s.On.Month, s.On.Day)),
            });
        }
        Assert.Equal(HttpStatusCode.Accepted, (await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(items.ToJsonString()))).StatusCode);
        foreach (var item in items)
        {
            Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, item!["id"]!.GetValue<string>())).GetProperty("status").GetString());
        }
        await LoanJson.PutProductAsync(coop);
        await LoanSteps.ActiveLoanAsync(coop, "LA", "A", LoanSteps.At(Year, 3, 10));
        await LoanSteps.ActiveLoanAsync(coop, "LB", "B", LoanSteps.At(Year, 6, 1), principal: 5_000_000);
        foreach (var (member, loan, amount, at) in new[] { ("A", "LA", 983_333L, LoanSteps.At(Year, 4, 10)), ("A", "LA", 983_333L, LoanSteps.At(Year, 5, 10)), ("B", "LB", 491_667L, LoanSteps.At(Year, 7, 1)) })
        {
            Assert.Equal("posted", (await LoanSteps.RepayAsync(coop, Postings.NewId(), member, loan, amount, at)).GetProperty("status").GetString());
        }
        await PostOkAsync(coop, Entry("gj-listrik", $"{Year}-06-30T10:00:00+08:00", Line("beban_listrik_air", debit: 80_000), Line("kas", credit: 80_000)));
        var exit = await coop.Admin.PostAsJsonAsync("/api/members/D/exit", new { occurredAt = LoanSteps.Instant(LoanSteps.At(Year, 8, 1)) });
        Assert.True(exit.IsSuccessStatusCode, await exit.Content.ReadAsStringAsync());
        return coop;
    }

    /// <summary>S_a here: the capital accounts' balance at the year's end, or the sum of the 12 month-end balances (the 1/12 cancels in the ratio).</summary>
    private static decimal Capital(string member, bool average)
    {
        decimal BalanceAt(DateOnly day) => Savings.Where(s => s.Member == member && s.Account is "simpanan_pokok" or "simpanan_wajib" && s.On <= day).Sum(s => s.Amount);
        return average
            ? Enumerable.Range(1, 12).Sum(m => BalanceAt(new DateOnly(Year, m, DateTime.DaysInMonth(Year, m))))
            : BalanceAt(new DateOnly(Year, 12, 31));
    }

    /// <summary>DOMAIN.md's formula in decimals: pools of 20% and 25%, (S_a / S_total) × JMA + (V_a / V_total) × JUA, each part rounded down.</summary>
    private static Dictionary<string, (long Modal, long Usaha)> Expected(bool average)
    {
        var members = new[] { "A", "B", "C" };
        var jma = Math.Floor(Shu * 0.20m);
        var jua = Math.Floor(Shu * 0.25m);
        var sTotal = members.Sum(m => Capital(m, average));
        decimal vTotal = JasaPaid.Values.Sum();
        return members.ToDictionary(m => m, m => ((long)Math.Floor(Capital(m, average) / sTotal * jma), (long)Math.Floor(JasaPaid.GetValueOrDefault(m) / vTotal * jua)));
    }

    private static void AssertDraftEquals(JsonElement draft, bool average)
    {
        var expected = Expected(average);
        var members = draft.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("memberId").GetString()!);
        Assert.Equal(expected.Keys.Order(), members.Keys.Order());
        foreach (var (id, (modal, usaha)) in expected)
        {
            var m = members[id];
            Assert.Equal((modal, usaha, modal + usaha), (m.GetProperty("jasaModal").GetInt64(), m.GetProperty("jasaUsaha").GetInt64(), m.GetProperty("total").GetInt64()));
        }
        var pools = Math.Floor(Shu * 0.20m) + Math.Floor(Shu * 0.25m);
        var remainder = draft.GetProperty("remainder");
        Assert.Equal("cadangan", remainder.GetProperty("account").GetString());
        Assert.Equal((long)pools - expected.Values.Sum(v => v.Modal + v.Usaha), remainder.GetProperty("fromMembers").GetInt64());
    }

    [Fact]
    public async Task ShuPolicy_NotSet_IsDomainTypicalSplit()
    {
        var coop = await fixture.NewCooperativeAsync();

        var policy = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/shu/policy");

        var allocations = policy.GetProperty("allocations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(new Dictionary<string, int>
        {
            ["cadangan"] = 4_000, ["jasa_usaha"] = 2_500, ["jasa_modal"] = 2_000, ["dana_pengurus"] = 500, ["dana_karyawan"] = 500, ["dana_pendidikan"] = 250, ["dana_sosial"] = 250,
        }, allocations);
        Assert.Equal("year_end", policy.GetProperty("capitalBasis").GetString());
        Assert.Equal(["simpanan_pokok", "simpanan_wajib"], policy.GetProperty("capitalAccounts").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task PutShuPolicy_Valid_IsWhatGetAnswers()
    {
        var coop = await fixture.NewCooperativeAsync();
        var body = new
        {
            allocations = new Dictionary<string, int> { ["cadangan"] = 5_000, ["jasa_modal"] = 3_000, ["jasa_usaha"] = 1_500, ["dana_sosial"] = 500 },
            capitalBasis = "average_monthly", capitalAccounts = new[] { "simpanan_wajib" }, useBasis = "loan_interest_paid", memberShareAccount = "shu_bagian_anggota",
        };

        var put = await coop.Admin.PutAsJsonAsync("/api/shu/policy", body);
        var policy = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/shu/policy");

        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        Assert.Equal(3_000, policy.GetProperty("allocations").GetProperty("jasa_modal").GetInt32());
        Assert.Equal(("average_monthly", "shu_bagian_anggota"), (policy.GetProperty("capitalBasis").GetString(), policy.GetProperty("memberShareAccount").GetString()));
    }

    [Theory]
    [InlineData("{\"cadangan\": 5000, \"jasa_modal\": 4000}", "allocations")]
    [InlineData("{\"cadangan\": 0, \"jasa_modal\": 10001}", "allocations.jasa_modal")]
    [InlineData("{\"simpanan_sukarela\": 5000, \"jasa_modal\": 5000}", "allocations.simpanan_sukarela")]
    [InlineData("{\"beban_gaji\": 5000, \"jasa_modal\": 5000}", "allocations.beban_gaji")]
    [InlineData("{\"no_such_fund\": 5000, \"jasa_modal\": 5000}", "allocations.no_such_fund")]
    public async Task PutShuPolicy_BadAllocations_Is400NamingTheField(string allocations, string field)
    {
        var coop = await fixture.NewCooperativeAsync();
        var body = $"{{\"allocations\": {allocations}, \"capitalBasis\": \"year_end\", \"useBasis\": \"loan_interest_paid\"}}";

        var response = await coop.Admin.PutAsync("/api/shu/policy", TransactionJson.Content(body));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task ShuDraft_SmallYear_EqualsIndependentComputationForBothCapitalBases()
    {
        var coop = await SmallYearAsync();

        var yearEnd = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/years/{Year}/shu");
        var policy = new
        {
            allocations = new Dictionary<string, int>
            {
                ["cadangan"] = 4_000, ["jasa_usaha"] = 2_500, ["jasa_modal"] = 2_000, ["dana_pengurus"] = 500, ["dana_karyawan"] = 500, ["dana_pendidikan"] = 250, ["dana_sosial"] = 250,
            },
            capitalBasis = "average_monthly", useBasis = "loan_interest_paid",
        };
        (await coop.Admin.PutAsJsonAsync("/api/shu/policy", policy)).EnsureSuccessStatusCode();
        var average = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/years/{Year}/shu");

        Assert.Equal((Shu, false, "trial_balance"), (yearEnd.GetProperty("shu").GetInt64(), yearEnd.GetProperty("closed").GetBoolean(), yearEnd.GetProperty("shuSource").GetString()));
        AssertDraftEquals(yearEnd, average: false);
        AssertDraftEquals(average, average: true);
        Assert.Equal((long)Math.Floor(Shu * 0.4m), yearEnd.GetProperty("allocations").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "cadangan").GetProperty("amount").GetInt64());
        Assert.Equal(375_000, yearEnd.GetProperty("useTotal").GetInt64());
    }

    [Fact]
    public async Task ShuDraft_ClosedYear_TakesTheClosingEntrysShu()
    {
        var coop = await SmallYearAsync();

        var close = await coop.Admin.PostAsync($"/api/years/{Year}/close", null);
        var draft = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/years/{Year}/shu");

        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        Assert.Equal((Shu, true, "year_close"), (draft.GetProperty("shu").GetInt64(), draft.GetProperty("closed").GetBoolean(), draft.GetProperty("shuSource").GetString()));
        AssertDraftEquals(draft, average: false);
    }

    [Fact]
    public async Task DistributeShu_YearNotClosed_Is409()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsync($"/api/years/{Year}/shu/distribute", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "year_not_closed");
    }

    [Fact]
    public async Task DistributeShu_ClosedYear_PostsEveryShareOnceAndTheRestAsOneEntry()
    {
        var coop = await SmallYearAsync();
        (await coop.Admin.PostAsync($"/api/years/{Year}/close", null)).EnsureSuccessStatusCode();
        var expected = Expected(average: false);
        var sukarelaA = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64();

        var response = await coop.Admin.PostAsync($"/api/years/{Year}/shu/distribute", null);
        var status = await WaitForDistributionAsync(coop, expected.Count);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/years/{Year}/shu/distribution", response.Headers.Location?.ToString());
        Assert.Equal((expected.Count, 0, 0), (status.GetProperty("posted").GetInt32(), status.GetProperty("rejected").GetInt32(), status.GetProperty("pending").GetInt32()));
        Assert.Equal(sukarelaA + expected["A"].Modal + expected["A"].Usaha,
            (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var trial = await TrialBalanceAsync(coop, today);
        Assert.Equal(0, trial.GetValueOrDefault("shu_tahun_berjalan").Balance);
        var membersTotal = expected.Values.Sum(v => v.Modal + v.Usaha);
        var pools = (long)(Math.Floor(Shu * 0.20m) + Math.Floor(Shu * 0.25m));
        Assert.Equal((long)Math.Floor(Shu * 0.4m) + pools - membersTotal, trial["cadangan"].Balance);
        Assert.Equal((long)Math.Floor(Shu * 0.05m), trial["dana_pengurus"].Balance);
        var entry = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/journal-entries/shu-{Year}-alokasi");
        Assert.Equal(Shu - membersTotal, entry.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("account").GetString() == "shu_tahun_berjalan").GetProperty("debit").GetInt64());

        var again = await coop.Admin.PostAsync($"/api/years/{Year}/shu/distribute", null);
        await WaitForDistributionAsync(coop, expected.Count);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(trial, await TrialBalanceAsync(coop, today));
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task DistributeShu_ToThePayableWithAMemberExitedSince_PostsTheOthersAndRefusesTheirs()
    {
        var coop = await SmallYearAsync();
        var policy = new
        {
            allocations = new Dictionary<string, int>
            {
                ["cadangan"] = 4_000, ["jasa_usaha"] = 2_500, ["jasa_modal"] = 2_000, ["dana_pengurus"] = 500, ["dana_karyawan"] = 500, ["dana_pendidikan"] = 250, ["dana_sosial"] = 250,
            },
            capitalBasis = "year_end", useBasis = "loan_interest_paid", memberShareAccount = "shu_bagian_anggota",
        };
        (await coop.Admin.PutAsJsonAsync("/api/shu/policy", policy)).EnsureSuccessStatusCode();
        (await coop.Admin.PostAsync($"/api/years/{Year}/close", null)).EnsureSuccessStatusCode();
        var exit = await coop.Admin.PostAsJsonAsync("/api/members/C/exit", new { occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.True(exit.IsSuccessStatusCode, await exit.Content.ReadAsStringAsync());
        var expected = Expected(average: false);
        var sukarelaA = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64();

        (await coop.Admin.PostAsync($"/api/years/{Year}/shu/distribute", null)).EnsureSuccessStatusCode();
        var status = await WaitForDistributionAsync(coop, expected.Count);

        Assert.Equal((2, 1), (status.GetProperty("posted").GetInt32(), status.GetProperty("rejected").GetInt32()));
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var trial = await TrialBalanceAsync(coop, today);
        long Share(string m) => expected[m].Modal + expected[m].Usaha;
        Assert.Equal(Share("A") + Share("B"), trial["shu_bagian_anggota"].Balance);
        Assert.Equal(Share("C"), trial["shu_tahun_berjalan"].Balance);
        Assert.Equal(sukarelaA, (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64());
        var rejected = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=rejected");
        Assert.Contains(rejected.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"~shu-{Year}-C");
    }

    /// <summary>
    /// Issue 12's year for a small cooperative, end to end: savings, two loans, an expense and an exit in the year; the
    /// year closed, reported, its SHU distributed, then one more member exiting; every figure against this test's own.
    /// </summary>
    [Fact]
    public async Task FullYear_ClosedReportedDistributedAndAMemberExited_EveryFigureIsTheTestsOwn()
    {
        var coop = await SmallYearAsync();
        var yearEnd = $"{Year}-12-31";

        var closed = await coop.Admin.PostAsync($"/api/years/{Year}/close", null);
        var income = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/reports/income?from={Year}-01-01&to={yearEnd}");
        var position = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/reports/financial-position?asOf={yearEnd}");

        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        Assert.Equal(Shu, (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shu").GetInt64());
        // Jasa 300,000 + 75,000 and admin fees 150,000 in; the electricity bill out.
        Assert.Equal((525_000L, 80_000L, Shu), (income.GetProperty("income").GetProperty("total").GetInt64(),
            income.GetProperty("expenses").GetProperty("total").GetInt64(), income.GetProperty("shu").GetInt64()));
        Assert.Equal(position.GetProperty("assets").GetProperty("total").GetInt64(), position.GetProperty("liabilitiesAndEquity").GetInt64());
        long EquityLine(string code) => position.GetProperty("equity").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == code).GetProperty("amount").GetInt64();
        // D took its pokok back in August; A, B and C keep theirs (C's from the year before) and their wajib.
        Assert.Equal(Savings.Where(s => s.Member != "D" && s.Account == "simpanan_pokok").Sum(s => s.Amount), EquityLine("simpanan_pokok"));
        Assert.Equal(Savings.Where(s => s.Member != "D" && s.Account == "simpanan_wajib").Sum(s => s.Amount), EquityLine("simpanan_wajib"));
        Assert.Equal(Shu, EquityLine("shu_tahun_berjalan"));

        (await coop.Admin.PostAsync($"/api/years/{Year}/shu/distribute", null)).EnsureSuccessStatusCode();
        var expected = Expected(average: false);
        await WaitForDistributionAsync(coop, expected.Count);
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var afterShu = await TrialBalanceAsync(coop, today);
        long Sukarela(JsonElement balances) => balances.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64();
        var c = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/C/balances");

        Assert.Equal(0, afterShu.GetValueOrDefault("shu_tahun_berjalan").Balance);
        Assert.Equal(expected["C"].Modal + expected["C"].Usaha, Sukarela(c));

        // B still owes on its loan: refused by the default policy. C has no loan: paid out its pokok, wajib and SHU share through kas.
        var refused = await coop.Admin.PostAsJsonAsync("/api/members/B/exit", new { occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var exit = await coop.Admin.PostAsJsonAsync("/api/members/C/exit", new { occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var afterExit = await TrialBalanceAsync(coop, today);

        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "active_loan");
        Assert.True(exit.IsSuccessStatusCode, await exit.Content.ReadAsStringAsync());
        var cSavings = Savings.Where(s => s.Member == "C").Sum(s => s.Amount) + expected["C"].Modal + expected["C"].Usaha;
        Assert.Equal(afterShu["kas"].Balance - cSavings, afterExit["kas"].Balance);
        var cAfter = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/C/balances")).GetProperty("balances");
        Assert.All(cAfter.EnumerateObject(), b => Assert.Equal(0, b.Value.GetInt64()));
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    private static async Task<JsonElement> WaitForDistributionAsync(TestCooperative coop, int members)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/years/{Year}/shu/distribution");
            if (status.GetProperty("status").GetString() == "fanned_out" && status.GetProperty("posted").GetInt32() + status.GetProperty("rejected").GetInt32() >= members)
            {
                return status;
            }
            Assert.NotEqual("failed", status.GetProperty("status").GetString());
            Assert.True(DateTime.UtcNow < until, "the distribution did not finish: " + status);
            await Task.Delay(200);
        }
    }
}
