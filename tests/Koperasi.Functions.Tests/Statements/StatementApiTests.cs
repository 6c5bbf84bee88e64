using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>Statements over HTTP, through the real statements queue and the Outbox sender.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatementApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Statement_MovementsAcrossTheMonthBoundaryInWita_EqualTheLedger()
    {
        var coop = await fixture.NewCooperativeAsync(timeZone: "Asia/Makassar");
        await coop.AddMemberAsync("W1", "Wulan", "wulan@example.test");
        await StatementSteps.PostAsync(coop, "W1", "deposit", "simpanan_pokok", 100_000, "2026-09-10T09:00:00+08:00", "Simpanan pokok");
        await StatementSteps.PostAsync(coop, "W1", "deposit", "simpanan_sukarela", 300_000, "2026-09-30T16:15:00Z", "Setoran 1 Okt dini hari");
        await StatementSteps.PostAsync(coop, "W1", "withdrawal", "simpanan_sukarela", 50_000, "2026-10-15T10:00:00+08:00", "Tarik tunai");
        var lastOfOctober = await StatementSteps.PostAsync(coop, "W1", "deposit", "simpanan_sukarela", 125_000, "2026-10-31T23:30:00+08:00", "Transfer malam");
        var firstOfNovember = await StatementSteps.PostAsync(coop, "W1", "deposit", "simpanan_sukarela", 70_000, "2026-10-31T16:30:00Z", "Sudah November");

        var statement = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/W1/statements/2026-10");
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/W1/ledger?from=2026-10-01&to=2026-10-31&limit=1000");

        Assert.Equal("Oktober 2026", statement.GetProperty("periodName").GetString());
        var lines = ledger.GetProperty("items").EnumerateArray().ToList();
        var movements = statement.GetProperty("accounts").EnumerateArray().SelectMany(a => a.GetProperty("movements").EnumerateArray()
            .Select(m => (Account: a.GetProperty("account").GetString(), Movement: m))).ToList();
        Assert.Equal(lines.Select(l => l.GetProperty("transactionId").GetString()).Order(), movements.Select(m => m.Movement.GetProperty("transactionId").GetString()).Order());
        foreach (var (account, movement) in movements)
        {
            var line = lines.Single(l => l.GetProperty("transactionId").GetString() == movement.GetProperty("transactionId").GetString());
            Assert.Equal(line.GetProperty("change").GetInt64(), movement.GetProperty("change").GetInt64());
            Assert.Equal(line.GetProperty("balances").GetProperty(account!).GetInt64(), movement.GetProperty("balance").GetInt64());
        }
        foreach (var account in statement.GetProperty("accounts").EnumerateArray())
        {
            var code = account.GetProperty("account").GetString()!;
            Assert.Equal(ledger.GetProperty("openingBalances").GetProperty(code).GetInt64(), account.GetProperty("openingBalance").GetInt64());
            Assert.Equal(ledger.GetProperty("closingBalances").GetProperty(code).GetInt64(), account.GetProperty("closingBalance").GetInt64());
        }
        Assert.Contains(movements, m => m.Movement.GetProperty("transactionId").GetString() == lastOfOctober && m.Movement.GetProperty("date").GetString() == "2026-10-31");
        Assert.DoesNotContain(movements, m => m.Movement.GetProperty("transactionId").GetString() == firstOfNovember);
        var sukarela = statement.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == "simpanan_sukarela");
        Assert.Equal(0, sukarela.GetProperty("openingBalance").GetInt64());
        Assert.Equal(375_000, sukarela.GetProperty("closingBalance").GetInt64());
        Assert.Equal(425_000, sukarela.GetProperty("totalIn").GetInt64());
        Assert.Equal(50_000, sukarela.GetProperty("totalOut").GetInt64());
        Assert.Equal(475_000, statement.GetProperty("totals").GetProperty("closingBalance").GetInt64());
    }

    [Fact]
    public async Task Run_PastMonth_SendsOneEmailPerMemberWithEmail_AndCountsTheRest()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("R1", "Rina", "rina@example.test");
        await coop.AddMemberAsync("R2", "Tanpa Email");
        await coop.AddMemberAsync("R3", "Belum Menabung", "kosong@example.test");
        await StatementSteps.PostAsync(coop, "R1", "deposit", "simpanan_sukarela", 1_234_567, "2026-10-05T09:00:00+08:00", "Setoran tunai");
        await StatementSteps.PostAsync(coop, "R2", "deposit", "simpanan_sukarela", 10_000, "2026-10-05T09:00:00+08:00");

        var started = await coop.Admin.PostAsync("/api/statements/2026-10/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/api/statements/2026-10", started.Headers.Location?.OriginalString);
        var progress = await StatementSteps.WaitForRunAsync(coop, "2026-10");

        Assert.Equal(3, progress.GetProperty("members").GetInt32());
        Assert.Equal(1, progress.GetProperty("sent").GetInt32());
        Assert.Equal(2, progress.GetProperty("skipped").GetInt32());
        Assert.Equal(0, progress.GetProperty("failed").GetInt32() + progress.GetProperty("unknown").GetInt32());
        var files = Outbox.Files(coop.Id, "2026-10");
        var email = Outbox.Read(Assert.Single(files));
        Assert.Equal("rina@example.test", email.To.Mailboxes.Single().Address);
        Assert.Contains("Oktober 2026", email.Subject);
        Assert.Contains("Rp1.234.567", email.HtmlBody);
        Assert.Contains("Rp1.234.567", email.TextBody);
        var skipped = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/R2/statements/2026-10");
        Assert.Equal("skipped", skipped.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal("no_email", skipped.GetProperty("delivery").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Run_StartedAgain_SendsNothingTwice()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A1", "Ani", "ani@example.test");
        await StatementSteps.PostAsync(coop, "A1", "deposit", "simpanan_sukarela", 20_000, "2026-10-05T09:00:00+08:00");
        (await coop.Admin.PostAsync("/api/statements/2026-10/run", null)).EnsureSuccessStatusCode();
        await StatementSteps.WaitForRunAsync(coop, "2026-10");

        (await coop.Admin.PostAsync("/api/statements/2026-10/run", null)).EnsureSuccessStatusCode();
        var progress = await StatementSteps.WaitForRunAsync(coop, "2026-10");
        await Task.Delay(1500); // a second email, if any, would land now

        Assert.Equal(1, progress.GetProperty("sent").GetInt32());
        Assert.Single(Outbox.Files(coop.Id, "2026-10"));
        var delivery = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A1/statements/2026-10")).GetProperty("delivery");
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(delivery.GetProperty("providerMessageId").GetString()));
    }

    [Fact]
    public async Task Run_ClosesTheMonth_ALatePostingShowsItsOriginalDateOnTheNextStatement()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("L1", "Lina", "lina@example.test");
        await StatementSteps.PostAsync(coop, "L1", "deposit", "simpanan_sukarela", 40_000, "2026-09-05T09:00:00+08:00");
        (await coop.Admin.PostAsync("/api/statements/2026-09/run", null)).EnsureSuccessStatusCode();

        await StatementSteps.PostAsync(coop, "L1", "deposit", "simpanan_sukarela", 15_000, "2026-09-29T09:00:00+08:00", "Setoran terlambat");

        var september = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/L1/statements/2026-09");
        var october = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/L1/statements/2026-10");
        Assert.True(september.GetProperty("closed").GetBoolean());
        Assert.Equal(40_000, september.GetProperty("totals").GetProperty("closingBalance").GetInt64());
        var late = october.GetProperty("accounts").EnumerateArray().SelectMany(a => a.GetProperty("movements").EnumerateArray()).Single();
        Assert.True(late.GetProperty("late").GetBoolean());
        Assert.Equal("2026-09-29", late.GetProperty("date").GetString());
        Assert.Equal("2026-10-01", late.GetProperty("bookedOn").GetString());
        var html = await GetHtmlAsync(coop, "/api/members/L1/statements/2026-10");
        Assert.Contains("tgl asli 29 Sep 2026", html);
    }

    [Fact]
    public async Task GetStatement_AcceptHtml_AnswersTheSameStatementAsHtml()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("H1", "Hadi <b>Santoso</b>", "hadi@example.test");
        await StatementSteps.PostAsync(coop, "H1", "deposit", "simpanan_wajib", 50_000, "2026-10-25T10:00:00+08:00", "Wajib Oktober");

        var html = await GetHtmlAsync(coop, "/api/members/H1/statements/2026-10");

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Hadi &lt;b&gt;Santoso&lt;/b&gt;", html);
        Assert.Contains("data-closing=\"simpanan_wajib\"", html);
        Assert.Contains("Rp50.000", html);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("2026-13", "invalid_period")]
    [InlineData("26-10", "invalid_period")]
    [InlineData("2999-01", "period_not_ended")]
    public async Task Run_NotAPastMonth_Is400(string period, string code)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsync($"/api/statements/{period}/run", null);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Run_TheCurrentMonthInTheCooperativesZone_Is400()
    {
        var coop = await fixture.NewCooperativeAsync(timeZone: "Asia/Jayapura");
        var current = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jayapura")).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var response = await coop.Admin.PostAsync($"/api/statements/{current}/run", null);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "period_not_ended");
    }

    [Fact]
    public async Task Run_WithATellerKey_Is403()
    {
        var coop = await fixture.NewCooperativeAsync();
        var teller = await coop.ClientWithRoleAsync("teller");

        await Problem.AssertAsync(await teller.PostAsync("/api/statements/2026-10/run", null), HttpStatusCode.Forbidden, "forbidden");
        await Problem.AssertAsync(await teller.PostAsync("/api/members/X/statements/2026-10/resend", null), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Progress_BeforeAnyRun_Is404()
    {
        var coop = await fixture.NewCooperativeAsync();

        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/statements/2026-10"), HttpStatusCode.NotFound, "statement_run_not_found");
    }

    [Fact]
    public async Task Resend_ASentStatement_Is409()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("S1", "Sari", "sari@example.test");
        await StatementSteps.PostAsync(coop, "S1", "deposit", "simpanan_sukarela", 20_000, "2026-10-05T09:00:00+08:00");
        (await coop.Admin.PostAsync("/api/statements/2026-10/run", null)).EnsureSuccessStatusCode();
        await StatementSteps.WaitForRunAsync(coop, "2026-10");

        var response = await coop.Admin.PostAsync("/api/members/S1/statements/2026-10/resend", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "statement_not_resendable");
        Assert.Single(Outbox.Files(coop.Id, "2026-10"));
    }

    private static async Task<string> GetHtmlAsync(TestCooperative coop, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var response = await coop.Admin.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
