using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using static Koperasi.Functions.Tests.Loans.LoanSteps;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>
/// The statement's loans section over the real API, queue and Azurite: a member saves and takes DOMAIN.md's flat loan
/// (10,000,000 over 12 months at 1.50%, denda 0.10% a day after 2 days' grace), disbursed 10 May 2026 and repaid through
/// intake; every figure expected here is computed from the formulas, not read from the app.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StatementLoanTests(ApiFixture fixture)
{
    private const long Principal = 10_000_000;
    private const int Term = 12;
    private const int RateBps = 150;
    private const int PenaltyBps = 10;
    private const int GraceDays = 2;
    private const long Prepaid = 200_000;

    /// <summary>Flat: jasa P·r a month; the installment P/n + P·r rounded half up to the rupiah; pokok the rest.</summary>
    private static readonly long Jasa = (long)Math.Round(Principal * RateBps / 10_000m, MidpointRounding.AwayFromZero);
    private static readonly long Installment = (long)Math.Round(Principal / (decimal)Term + Principal * RateBps / 10_000m, MidpointRounding.AwayFromZero);
    private static readonly long Pokok = Installment - Jasa;

    private static DateOnly Due(int number) => new DateOnly(2026, 5, 10).AddMonths(number);

    /// <summary>Denda on an unpaid amount from the day after the grace days through <paramref name="asOf"/>, rounded half up once.</summary>
    private static long Denda(long unpaid, DateOnly due, DateOnly asOf) =>
        (long)Math.Round(Math.Max(0, asOf.DayNumber - due.DayNumber - GraceDays) * unpaid * PenaltyBps / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Installments 1-3 paid on their due dates, the 4th five days late (15 Sep, with its denda), 200,000 more on 25 Sep
    /// (jasa of the 5th, whose period has begun, then pokok), nothing in October, 500,000 on 20 November.
    /// </summary>
    private async Task<TestCooperative> MemberWithLoanAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("S-1", "Sri Wahyuni", "sri@example.test");
        await LoanJson.PutProductAsync(coop);
        await StatementSteps.PostAsync(coop, "S-1", "deposit", "simpanan_pokok", 100_000, "2026-05-02T09:00:00+08:00", "Simpanan pokok");
        await StatementSteps.PostAsync(coop, "S-1", "deposit", "simpanan_sukarela", 500_000, "2026-09-03T09:00:00+08:00", "Setoran tunai");
        await ActiveLoanAsync(coop, "L-1", "S-1", At(2026, 5, 10));
        for (var k = 1; k <= 3; k++)
        {
            await RepayPostedAsync(coop, $"r-{k}", Installment, At(2026, 5, 10).AddMonths(k));
        }
        await RepayPostedAsync(coop, "r-4", Installment + Denda(Installment, Due(4), new(2026, 9, 15)), At(2026, 9, 15));
        await RepayPostedAsync(coop, "r-5", Prepaid, At(2026, 9, 25));
        await RepayPostedAsync(coop, "r-6", 500_000, At(2026, 11, 20));
        return coop;
    }

    private static async Task RepayPostedAsync(TestCooperative coop, string id, long amount, DateTimeOffset at)
    {
        var status = await RepayAsync(coop, id, "S-1", "L-1", amount, at);
        Assert.True(status.GetProperty("status").GetString() == "posted", status.ToString());
    }

    private static async Task<string> HtmlAsync(TestCooperative coop, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await (await coop.Admin.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Statement_MonthWithALateAndAPartPayment_ShowsTheSplitTheNextInstallmentAndNoArrears()
    {
        var coop = await MemberWithLoanAsync();
        var denda4 = Denda(Installment, Due(4), new(2026, 9, 15));

        var statement = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/S-1/statements/2026-09");

        var loan = Assert.Single(statement.GetProperty("loans").EnumerateArray().ToList());
        Assert.Equal(("L-1", "UMUM", "Pinjaman Umum", "active"), (loan.GetProperty("loanId").GetString(), loan.GetProperty("productCode").GetString(),
            loan.GetProperty("productName").GetString(), loan.GetProperty("status").GetString()));
        Assert.Equal(Principal - 4 * Pokok - (Prepaid - Jasa), loan.GetProperty("outstandingPrincipal").GetInt64());
        var paid = loan.GetProperty("paid");
        Assert.Equal((Pokok + Prepaid - Jasa, 2 * Jasa, denda4, Installment + denda4 + Prepaid),
            (paid.GetProperty("principal").GetInt64(), paid.GetProperty("interest").GetInt64(), paid.GetProperty("penalty").GetInt64(), paid.GetProperty("total").GetInt64()));
        Assert.Equal(2_950, denda4); // 3 days (13-15 Sep) × 983,333 × 0.1%, rounded once
        var payments = loan.GetProperty("payments").EnumerateArray().Select(p => (p.GetProperty("transactionId").GetString(), p.GetProperty("date").GetString(),
            p.GetProperty("principal").GetInt64(), p.GetProperty("interest").GetInt64(), p.GetProperty("penalty").GetInt64())).ToList();
        Assert.Equal([("r-4", "2026-09-15", Pokok, Jasa, denda4), ("r-5", "2026-09-25", Prepaid - Jasa, Jasa, 0L)], payments);
        var next = loan.GetProperty("nextInstallment");
        Assert.Equal((5, Date(Due(5)), Installment - Prepaid), (next.GetProperty("number").GetInt32(), next.GetProperty("dueDate").GetString(), next.GetProperty("amountDue").GetInt64()));
        var arrears = loan.GetProperty("arrears");
        Assert.Equal((0, 0L, 0L), (arrears.GetProperty("daysPastDue").GetInt32(), arrears.GetProperty("overdue").GetInt64(), arrears.GetProperty("penaltyDue").GetInt64()));
        Assert.False(arrears.TryGetProperty("oldestDueDate", out _));
        var schema = OpenApiContract.Document.Components!.Schemas!["MemberStatement"];
        Assert.Empty(OpenApiSchemaCheck.Errors(schema, statement));
    }

    [Fact]
    public async Task Statement_MonthWithNoPayment_ShowsArrearsAtTheMonthsEndAndIgnoresLaterPayments()
    {
        var coop = await MemberWithLoanAsync();
        var unpaid = Installment - Prepaid;

        var statement = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/S-1/statements/2026-10");

        var loan = Assert.Single(statement.GetProperty("loans").EnumerateArray().ToList());
        Assert.Equal("active", loan.GetProperty("status").GetString());
        Assert.Equal(Principal - 4 * Pokok - (Prepaid - Jasa), loan.GetProperty("outstandingPrincipal").GetInt64());
        Assert.Equal(0, loan.GetProperty("paid").GetProperty("total").GetInt64());
        Assert.Empty(loan.GetProperty("payments").EnumerateArray());
        var next = loan.GetProperty("nextInstallment");
        Assert.Equal((6, Date(Due(6)), Installment), (next.GetProperty("number").GetInt32(), next.GetProperty("dueDate").GetString(), next.GetProperty("amountDue").GetInt64()));
        var arrears = loan.GetProperty("arrears");
        Assert.Equal((Date(Due(5)), 21, unpaid, Denda(unpaid, Due(5), new(2026, 10, 31))),
            (arrears.GetProperty("oldestDueDate").GetString(), arrears.GetProperty("daysPastDue").GetInt32(), arrears.GetProperty("overdue").GetInt64(), arrears.GetProperty("penaltyDue").GetInt64()));
        Assert.Equal(14_883, arrears.GetProperty("penaltyDue").GetInt64()); // 19 days (13-31 Oct) × 783,333 × 0.1%
        var november = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/S-1/statements/2026-11");
        Assert.Equal(500_000, november.GetProperty("loans")[0].GetProperty("paid").GetProperty("total").GetInt64());
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task StatementHtml_MemberWithLoan_ShowsTheSectionAndFitsA375pxPhone()
    {
        var coop = await MemberWithLoanAsync();

        var html = await HtmlAsync(coop, "/api/members/S-1/statements/2026-10");
        var layout = await HeadlessChromium.MeasureAsync(html, 375);

        Assert.Contains(">Pinjaman</h2>", html);
        foreach (var word in new[] { "Sisa pokok", "Angsuran bulan ini", "Angsuran berikutnya", "Jatuh tempo 10 November 2026", "Tunggakan", "21 hari sejak 10 Okt 2026" })
        {
            Assert.Contains(word, html);
        }
        Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= 375, $"the page scrolls sideways: {layout}");
        var figures = layout.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);
        Assert.All(figures.Values, f => Assert.True(f.GetProperty("visible").GetBoolean(), $"loan figure not visible: {f}"));
        Assert.Equal(Rupiah.Format(Principal - 4 * Pokok - (Prepaid - Jasa)), figures["L-1:sisa-pokok"].GetProperty("text").GetString());
        Assert.Equal(Rupiah.Format(Installment), figures["L-1:angsuran-berikutnya"].GetProperty("text").GetString());
        Assert.Equal(Rupiah.Format(Installment - Prepaid), figures["L-1:tunggakan"].GetProperty("text").GetString());
        Assert.Equal(Rupiah.Format(Denda(Installment - Prepaid, Due(5), new(2026, 10, 31))), figures["L-1:denda-terutang"].GetProperty("text").GetString());
        Assert.Equal(4, layout.GetProperty("closings").GetArrayLength());
    }

    [Fact]
    public async Task StatementHtml_SeptemberAt375px_ShowsPokokJasaDendaPaid()
    {
        var coop = await MemberWithLoanAsync();
        var denda4 = Denda(Installment, Due(4), new(2026, 9, 15));

        var layout = await HeadlessChromium.MeasureAsync(await HtmlAsync(coop, "/api/members/S-1/statements/2026-09"), 375);

        Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= 375, $"the page scrolls sideways: {layout}");
        var figures = layout.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);
        Assert.All(figures.Values, f => Assert.True(f.GetProperty("visible").GetBoolean(), $"loan figure not visible: {f}"));
        Assert.Equal(Rupiah.Format(Pokok + Prepaid - Jasa), figures["L-1:pokok"].GetProperty("text").GetString());
        Assert.Equal(Rupiah.Format(2 * Jasa), figures["L-1:jasa"].GetProperty("text").GetString());
        Assert.Equal(Rupiah.Format(denda4), figures["L-1:denda"].GetProperty("text").GetString());
        Assert.Equal(Rupiah.Format(Installment + denda4 + Prepaid), figures["L-1:dibayar"].GetProperty("text").GetString());
        Assert.Equal("Tidak ada tunggakan.", figures["L-1:tunggakan"].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Run_MemberWithLoan_EmailCarriesTheLoansSectionInHtmlAndText()
    {
        var coop = await MemberWithLoanAsync();
        var unpaid = Installment - Prepaid;

        (await coop.Admin.PostAsync("/api/statements/2026-10/run", null)).EnsureSuccessStatusCode();
        await StatementSteps.WaitForRunAsync(coop, "2026-10");

        var email = Outbox.Read(Assert.Single(Outbox.Files(coop.Id, "2026-10")));
        var outstanding = Rupiah.Format(Principal - 4 * Pokok - (Prepaid - Jasa));
        Assert.Contains(">Pinjaman</h2>", email.HtmlBody);
        Assert.Contains(outstanding, email.HtmlBody);
        Assert.Contains("PINJAMAN", email.TextBody);
        Assert.Contains($"Sisa pokok per 31 Oktober 2026: {outstanding}", email.TextBody);
        Assert.Contains("Angsuran bulan ini: tidak ada.", email.TextBody);
        Assert.Contains($"Angsuran berikutnya: ke-6, jatuh tempo 10 Nov 2026, {Rupiah.Format(Installment)}", email.TextBody);
        Assert.Contains($"Tunggakan: {Rupiah.Format(unpaid)} (21 hari sejak 10 Okt 2026), denda belum dibayar {Rupiah.Format(Denda(unpaid, Due(5), new(2026, 10, 31)))}", email.TextBody);
    }

    [Fact]
    public async Task Statement_MemberWithoutLoans_HasNoLoansSection()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("N-1", "Budi Santoso", "budi@example.test");
        await LoanJson.PutProductAsync(coop);
        await StatementSteps.PostAsync(coop, "N-1", "deposit", "simpanan_sukarela", 75_000, "2026-10-05T09:00:00+08:00", "Setoran");

        var statement = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/N-1/statements/2026-10");
        var html = await HtmlAsync(coop, "/api/members/N-1/statements/2026-10");
        (await coop.Admin.PostAsync("/api/statements/2026-10/run", null)).EnsureSuccessStatusCode();
        await StatementSteps.WaitForRunAsync(coop, "2026-10");
        var email = Outbox.Read(Assert.Single(Outbox.Files(coop.Id, "2026-10")));

        Assert.Empty(statement.GetProperty("loans").EnumerateArray());
        Assert.Empty(OpenApiSchemaCheck.Errors(OpenApiContract.Document.Components!.Schemas!["MemberStatement"], statement));
        foreach (var rendered in new[] { html, email.HtmlBody, email.TextBody })
        {
            Assert.DoesNotContain("Pinjaman", rendered, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Sisa pokok", rendered);
        }
    }
}
