using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;
using static Koperasi.Functions.Tests.Books.BooksJson;

namespace Koperasi.Functions.Tests.Books;

/// <summary>The general journal over real HTTP and Azurite: balanced or refused, never on member accounts, idempotent, reversible once, listed by date.</summary>
[Collection(ApiCollection.Name)]
public sealed class GeneralJournalApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task PostJournalEntry_Balanced_Answers201AndTheTrialBalanceMoves()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-1");

        var response = await PostAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00",
            Line("beban_listrik_air", debit: 450_000), Line("beban_alat_tulis", debit: 50_000, memberId: "A-1"), Line("bank", credit: 500_000)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/journal-entries/gj-1", response.Headers.Location?.ToString());
        var entry = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("gj-1", "journal", "2026-10-05"), (entry.GetProperty("id").GetString(), entry.GetProperty("kind").GetString(), entry.GetProperty("businessDate").GetString()));
        Assert.Equal("A-1", entry.GetProperty("lines")[1].GetProperty("memberId").GetString());
        var trial = await TrialBalanceAsync(coop, "2026-10-31");
        Assert.Equal((450_000L, 50_000L, -500_000L), (trial["beban_listrik_air"].Balance, trial["beban_alat_tulis"].Balance, trial["bank"].Balance));
        Assert.DoesNotContain("beban_listrik_air", (await TrialBalanceAsync(coop, "2026-10-04")).Keys);
    }

    [Fact]
    public async Task PostJournalEntry_Unbalanced_Answers400NamingLines()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await PostAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_sewa", debit: 1_000_000), Line("kas", credit: 999_999)));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "lines");
        Assert.Equal(HttpStatusCode.NotFound, (await coop.Admin.GetAsync("/api/journal-entries/gj-1")).StatusCode);
    }

    [Theory]
    [InlineData("lines[0].debit", "beban_sewa", 0L, 0L)]
    [InlineData("lines[0].debit", "beban_sewa", 100L, 100L)]
    [InlineData("lines[0].account", "beban_tidak_ada", 100L, 0L)]
    public async Task PostJournalEntry_BadLine_Answers400NamingTheLine(string field, string account, long debit, long credit)
    {
        var coop = await fixture.NewCooperativeAsync();
        var first = new Dictionary<string, object?> { ["account"] = account, ["debit"] = debit, ["credit"] = credit };

        var response = await PostAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", first, Line("kas", credit: 100)));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Theory]
    [InlineData("simpanan_sukarela")]
    [InlineData("simpanan_pokok")]
    [InlineData("piutang_pinjaman")]
    [InlineData("dana_titipan")]
    [InlineData("kliring_midtrans")]
    [InlineData("kliring_std_koperasi_pay")]
    public async Task PostJournalEntry_MemberAccount_Answers400AndPostsNothing(string account)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await PostAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line(account, debit: 100_000), Line("kas", credit: 100_000)));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "lines[0].account");
        Assert.Empty(await TrialBalanceAsync(coop, "2026-10-31"));
    }

    [Fact]
    public async Task PostJournalEntry_UnknownMemberTag_Answers400()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await PostAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_sewa", debit: 100, memberId: "NOBODY"), Line("kas", credit: 100)));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "lines[0].memberId");
    }

    [Fact]
    public async Task PostJournalEntry_SameIdSameContentAgain_AnswersTheEntryAndPostsOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        // The same instant in another offset is the same content.
        await PostOkAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_sewa", debit: 750_000), Line("kas", credit: 750_000)));

        var again = await PostAsync(coop, Entry("gj-1", "2026-10-05T02:00:00Z", Line("beban_sewa", debit: 750_000), Line("kas", credit: 750_000)));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("gj-1", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(750_000L, (await TrialBalanceAsync(coop, "2026-10-31"))["beban_sewa"].Balance);
    }

    [Fact]
    public async Task PostJournalEntry_SameIdOtherContent_Answers409AndPostsNothingMore()
    {
        var coop = await fixture.NewCooperativeAsync();
        await PostOkAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_sewa", debit: 750_000), Line("kas", credit: 750_000)));

        var other = await PostAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_sewa", debit: 700_000), Line("kas", credit: 700_000)));

        await Problem.AssertAsync(other, HttpStatusCode.Conflict, "journal_entry_conflict");
        Assert.Equal(750_000L, (await TrialBalanceAsync(coop, "2026-10-31"))["beban_sewa"].Balance);
    }

    [Fact]
    public async Task ReverseJournalEntry_Twice_PostsTheMirrorOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        await PostOkAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_transportasi", debit: 120_000), Line("kas", credit: 120_000)));

        var first = await coop.Admin.PostAsJsonAsync("/api/journal-entries/gj-1/reverse", new { occurredAt = "2026-10-20T09:00:00+08:00" });
        var second = await coop.Admin.PostAsync("/api/journal-entries/gj-1/reverse", null);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var reversal = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("gj-1", "2026-10-20"), (reversal.GetProperty("reverses").GetString(), reversal.GetProperty("businessDate").GetString()));
        Assert.Equal(120_000L, reversal.GetProperty("lines")[0].GetProperty("credit").GetInt64());
        var original = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/journal-entries/gj-1");
        Assert.Equal(reversal.GetProperty("id").GetString(), original.GetProperty("reversedBy").GetString());
        Assert.Equal(120_000L, (await TrialBalanceAsync(coop, "2026-10-19"))["beban_transportasi"].Balance);
        Assert.Equal(0L, (await TrialBalanceAsync(coop, "2026-10-31"))["beban_transportasi"].Balance);
    }

    [Fact]
    public async Task ReverseJournalEntry_AReversal_Answers409()
    {
        var coop = await fixture.NewCooperativeAsync();
        await PostOkAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_transportasi", debit: 120_000), Line("kas", credit: 120_000)));
        var reversal = await (await coop.Admin.PostAsync("/api/journal-entries/gj-1/reverse", null)).Content.ReadFromJsonAsync<JsonElement>();

        var response = await coop.Admin.PostAsync($"/api/journal-entries/{Uri.EscapeDataString(reversal.GetProperty("id").GetString()!)}/reverse", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "cannot_reverse_reversal");
    }

    [Fact]
    public async Task ReverseJournalEntry_UnknownId_Answers404()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsync("/api/journal-entries/gj-none/reverse", null);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "journal_entry_not_found");
    }

    [Theory]
    [InlineData("gj%5Cone")]
    [InlineData("gj%23one")]
    [InlineData("no-such-entry")]
    public async Task GetJournalEntry_IdNoEntryCanHave_Answers404(string id)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync($"/api/journal-entries/{id}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "journal_entry_not_found");
    }

    [Fact]
    public async Task ListJournalEntries_DateRange_ListsThoseDaysInDateOrderAndPages()
    {
        var coop = await fixture.NewCooperativeAsync();
        foreach (var (id, day) in new[] { ("gj-c", "2026-10-20"), ("gj-a", "2026-10-01"), ("gj-b", "2026-10-10"), ("gj-d", "2026-10-31"), ("gj-e", "2026-11-01") })
        {
            await PostOkAsync(coop, Entry(id, day + "T10:00:00+08:00", Line("beban_sewa", debit: 1_000), Line("kas", credit: 1_000)));
        }
        using var reader = await coop.ClientWithRoleAsync("reader");

        var first = await reader.GetFromJsonAsync<JsonElement>("/api/journal-entries?from=2026-10-10&to=2026-10-31&limit=2");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await reader.GetFromJsonAsync<JsonElement>($"/api/journal-entries?from=2026-10-10&to=2026-10-31&limit=2&continuationToken={Uri.EscapeDataString(token!)}");

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(["gj-b", "gj-c", "gj-d"], ids);
    }

    [Fact]
    public async Task CheckLedger_WithJournalEntriesAndMemberPostings_ProvesTheBooks()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-1");
        var deposit = Postings.NewId();
        (await coop.Admin.PostAsJsonAsync("/api/transactions", new { id = deposit, memberId = "A-1", kind = "deposit", account = "simpanan_sukarela", amount = 300_000, occurredAt = "2026-10-02T10:00:00+08:00" })).EnsureSuccessStatusCode();
        await ApiFixture.WaitForStatusAsync(coop.Admin, deposit);
        await PostOkAsync(coop, Entry("gj-1", "2026-10-05T10:00:00+08:00", Line("beban_gaji", debit: 200_000), Line("kas", credit: 200_000)));
        await PostOkAsync(coop, Entry("gj-2", "2026-10-06T10:00:00+08:00", Line("bank", debit: 50_000), Line("pendapatan_lain", credit: 50_000)));
        (await coop.Admin.PostAsync("/api/journal-entries/gj-2/reverse", null)).EnsureSuccessStatusCode();

        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");

        Assert.Empty(check.GetProperty("problems").EnumerateArray());
        // 300,000 + 200,000 + 50,000 twice, each once as a debit.
        Assert.Equal((600_000L, 600_000L), (check.GetProperty("totalDebit").GetInt64(), check.GetProperty("totalCredit").GetInt64()));
    }
}
