using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CsvHelper;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// The reports on a small cooperative with known figures: the year close added back, SHU tahun berjalan kept across the
/// close, the contra asset negative, members' and non-members' income apart; the same figures as HTML in Bahasa
/// Indonesia and as CSV; the format chosen by parameter or Accept; bad queries answered as problems.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReportsApiTests(ApiFixture fixture)
{
    private const string Member = "L-001";

    // 2025: pokok 100.000 and sukarela 500.000; a loan of 2.000.000 (fee 20.000) and its first installment on time
    // (jasa 30.000); non-member income 200.000; electricity 75.000; an allowance of 30.000. SHU = 250.000 − 105.000.
    private const long Shu2025 = 145_000;

    [Fact]
    public async Task IncomeReport_ClosedYear_AddsTheClosingJournalBackAndSplitsMemberIncome()
    {
        var coop = await BooksOf2025Async(close: true);

        var income = await ReportSteps.IncomeAsync(coop, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        var lines = income.GetProperty("income").GetProperty("lines").EnumerateArray()
            .ToDictionary(l => l.GetProperty("code").GetString()!, l => (l.GetProperty("amount").GetInt64(), l.GetProperty("member").GetInt64(), l.GetProperty("nonMember").GetInt64()));
        Assert.Equal((30_000, 30_000, 0), lines[ChartOfAccounts.PendapatanJasaPinjaman]);
        Assert.Equal((20_000, 20_000, 0), lines[ChartOfAccounts.PendapatanAdministrasi]);
        Assert.Equal((200_000, 0, 200_000), lines[ChartOfAccounts.PendapatanLain]);
        Assert.Equal(3, lines.Count);
        Assert.Equal(new Dictionary<string, long> { [ChartOfAccounts.BebanListrikAir] = 75_000, [ChartOfAccounts.BebanOperasionalLain] = 30_000 },
            ReportSteps.Lines(income.GetProperty("expenses")));
        Assert.Equal(Shu2025, income.GetProperty("shu").GetInt64());
        Assert.Equal("tutup-buku-2025", Assert.Single(income.GetProperty("yearClosesAddedBack").EnumerateArray()).GetString());
        // The trial balance of 31 December shows the accounts closed: only the add-back brings the year's figures back.
        Assert.Equal(0, await LoanSteps.TrialBalanceAsync(coop, ChartOfAccounts.PendapatanLain, new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public async Task FinancialPosition_AcrossTheClose_KeepsShuTahunBerjalanThenShowsItAsLastYears()
    {
        var open = await BooksOf2025Async(close: false);
        var closed = await BooksOf2025Async(close: true);

        var before = await ReportSteps.FinancialPositionAsync(open, new DateOnly(2025, 12, 31));
        var after = await ReportSteps.FinancialPositionAsync(closed, new DateOnly(2025, 12, 31));
        var nextYear = await ReportSteps.FinancialPositionAsync(closed, new DateOnly(2026, 1, 31));

        foreach (var report in new[] { before, after })
        {
            Assert.Equal(Shu2025, ReportSteps.Lines(report.GetProperty("equity"))[ChartOfAccounts.ShuTahunBerjalan]);
            Assert.Equal(-30_000, ReportSteps.Lines(report.GetProperty("assets"))[ChartOfAccounts.CadanganKerugianPiutang]);
            Assert.True(report.GetProperty("balanced").GetBoolean());
        }
        Assert.Equal(before.GetProperty("equity").GetRawText(), after.GetProperty("equity").GetRawText());
        var equity = ReportSteps.Lines(nextYear.GetProperty("equity"));
        Assert.Equal((Shu2025, 0L), (equity["shu_tahun_lalu"], equity[ChartOfAccounts.ShuTahunBerjalan]));
        // Kas: 600.000 in, 1.980.000 out to the loan, 196.667 back, 200.000 of non-member income, 75.000 paid for electricity.
        Assert.Equal(600_000 - 1_980_000 + 196_667 + 200_000 - 75_000, ReportSteps.Lines(nextYear.GetProperty("assets"))[ChartOfAccounts.Kas]);
    }

    [Fact]
    public async Task EquityChanges_ClosedYear_ShowsTheCloseMovingTheResultIntoShu()
    {
        var coop = await BooksOf2025Async(close: true);

        var report = await ReportSteps.EquityChangesAsync(coop, 2025);

        var rows = report.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!, ReportSteps.Row);
        Assert.Equal((0, 100_000, 0, 0, 100_000), rows[TransactionKinds.SimpananPokok]);
        Assert.Equal((0, 0, 0, Shu2025, Shu2025), rows[ChartOfAccounts.ShuTahunBerjalan]);
        Assert.Equal((0, 250_000, 105_000, -Shu2025, 0), rows["hasil_usaha_belum_ditutup"]);
        Assert.Equal((0, 350_000, 105_000, 0, 100_000 + Shu2025), ReportSteps.Row(report.GetProperty("total")));
        Assert.Equal(Shu2025, report.GetProperty("shuTahunBerjalan").GetInt64());
        Assert.True(report.GetProperty("closed").GetBoolean());
    }

    [Theory]
    [InlineData("/api/reports/financial-position?asOf=2025-12-31", "Laporan Posisi Keuangan")]
    [InlineData("/api/reports/income?from=2025-01-01&to=2025-12-31", "Laporan Perhitungan Hasil Usaha")]
    [InlineData("/api/reports/equity-changes?year=2025", "Laporan Perubahan Ekuitas")]
    public async Task Report_AsHtml_IsBahasaIndonesiaWithEveryJsonFigure(string path, string title)
    {
        var coop = await BooksOf2025Async(close: true);
        var json = await coop.Admin.GetFromJsonAsync<JsonElement>(path);

        var response = await coop.Admin.GetAsync(path + "&format=html");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("@page{size:A4", page.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
        var figures = page.QuerySelectorAll("[data-figure]").ToDictionary(e => e.GetAttribute("data-figure")!, e => ParseRupiah(e.TextContent));
        foreach (var (figure, amount) in ExpectedFigures(json))
        {
            Assert.True(figures.TryGetValue(figure, out var shown), $"the page has no figure {figure}");
            Assert.True(shown == amount, $"{figure}: the page shows {shown}, the JSON {amount}");
        }
        foreach (var word in title.Contains("Posisi", StringComparison.Ordinal) ? new[] { "Aset", "Liabilitas", "Ekuitas", "Jumlah Liabilitas dan Ekuitas" }
            : title.Contains("Hasil", StringComparison.Ordinal) ? ["Pendapatan", "Beban", "Sisa Hasil Usaha (SHU)", "Non-anggota"]
            : ["Saldo 1 Januari", "Penambahan", "Pengurangan", "Penutupan buku", "Saldo 31 Desember"])
        {
            Assert.Contains(word, page.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/reports/financial-position?asOf=2025-12-31")]
    [InlineData("/api/reports/income?from=2025-01-01&to=2025-12-31")]
    [InlineData("/api/reports/equity-changes?year=2025")]
    public async Task Report_AsCsv_ParsesAndHasTheJsonFigures(string path)
    {
        var coop = await BooksOf2025Async(close: true);
        var json = await coop.Admin.GetFromJsonAsync<JsonElement>(path);

        var response = await coop.Admin.GetAsync(path + "&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        using var csv = CsvReader.Create(bytes.AsMemory(start), new CsvReaderOptions { Separator = ';' });
        var headers = csv.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var values = csv.Current.ToArray();
            rows.Add(headers.Select((h, i) => (h, values[i] ?? "")).ToDictionary(p => p.h, p => p.Item2));
        }
        Assert.Equal(ExpectedRows(json), rows.Select(Figures).ToList());
    }

    [Theory]
    [InlineData("text/html", "text/html")]
    [InlineData("text/csv", "text/csv")]
    [InlineData("application/json", "application/json")]
    [InlineData("text/html;q=0.5, application/json", "application/json")]
    [InlineData("*/*", "application/json")]
    public async Task Report_AcceptHeader_ChoosesTheFormat(string accept, string expected)
    {
        var coop = await fixture.NewCooperativeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/financial-position?asOf=2026-01-31");
        request.Headers.Accept.ParseAdd(accept);

        var response = await coop.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Report_FormatParameter_WinsOverAccept()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/equity-changes?year=2026&format=json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await coop.Admin.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/reports/financial-position?asOf=2026-02-30", "asOf")]
    [InlineData("/api/reports/financial-position?asOf=0001-01-01", "asOf")]
    [InlineData("/api/reports/financial-position?format=pdf", "format")]
    [InlineData("/api/reports/income?from=2026-03-01&to=2026-02-28", "from")]
    [InlineData("/api/reports/income?from=31-01-2026", "from")]
    [InlineData("/api/reports/income?to=9999-12-31", "to")]
    [InlineData("/api/reports/income?from=1901-01-01&to=9998-12-31", "to")]
    [InlineData("/api/reports/equity-changes?year=26", "year")]
    [InlineData("/api/reports/equity-changes?year=1800", "year")]
    [InlineData("/api/reports/equity-changes?year=20x6", "year")]
    public async Task Report_BadQuery_AnswersProblemNamingTheParameter(string path, string parameter)
    {
        var coop = await fixture.NewCooperativeAsync();
        var reader = await coop.ClientWithRoleAsync("reader");

        var response = await reader.GetAsync(path);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_query");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/reports/income?from=9998-01-01&to=9998-12-31")]
    [InlineData("/api/reports/income?from=1901-01-01&to=1910-12-31")]
    [InlineData("/api/reports/financial-position?asOf=9998-12-31")]
    [InlineData("/api/reports/equity-changes?year=1901")]
    public async Task Report_AtTheEdgesOfTheDateRange_Answers200(string path)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Report_ReaderKey_MayReadEveryReport()
    {
        var coop = await fixture.NewCooperativeAsync();
        var reader = await coop.ClientWithRoleAsync("reader");

        foreach (var path in new[] { "/api/reports/financial-position", "/api/reports/income", "/api/reports/equity-changes" })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        }
    }

    /// <summary>The 2025 books of <see cref="Shu2025"/>, in a new cooperative; with the year closed or not.</summary>
    private async Task<TestCooperative> BooksOf2025Async(bool close)
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        await coop.AddMemberAsync(Member);
        await LoanJson.PutProductAsync(coop);
        await ReportSteps.SavingsAsync(coop, Member, TransactionKinds.Deposit, TransactionKinds.SimpananPokok, 100_000, new DateOnly(2025, 1, 10));
        await ReportSteps.SavingsAsync(coop, Member, TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 500_000, new DateOnly(2025, 1, 10));
        await LoanSteps.ActiveLoanAsync(coop, "LR-1", Member, LoanSteps.At(2025, 2, 1), 2_000_000, 12);
        var repaid = await LoanSteps.RepayAsync(coop, Postings.NewId(), Member, "LR-1", 166_667 + 30_000, LoanSteps.At(2025, 3, 1));
        Assert.Equal("posted", repaid.GetProperty("status").GetString());
        var general = new JournalSteps(coop);
        await general.PostAsync("ju-1", new DateOnly(2025, 5, 5), [new(ChartOfAccounts.Kas, 200_000, 0), new(ChartOfAccounts.PendapatanLain, 0, 200_000)]);
        await general.PostAsync("ju-2", new DateOnly(2025, 6, 1), [new(ChartOfAccounts.BebanListrikAir, 75_000, 0), new(ChartOfAccounts.Kas, 0, 75_000)]);
        await general.PostAsync("ju-3", new DateOnly(2025, 7, 1),
            [new(ChartOfAccounts.BebanOperasionalLain, 30_000, 0), new(ChartOfAccounts.CadanganKerugianPiutang, 0, 30_000)]);
        if (close)
        {
            await general.CloseYearAsync(2025,
                new Dictionary<string, long> { [ChartOfAccounts.PendapatanJasaPinjaman] = 30_000, [ChartOfAccounts.PendapatanAdministrasi] = 20_000, [ChartOfAccounts.PendapatanLain] = 200_000 },
                new Dictionary<string, long> { [ChartOfAccounts.BebanListrikAir] = 75_000, [ChartOfAccounts.BebanOperasionalLain] = 30_000 });
        }
        return coop;
    }

    /// <summary>Each figure of a report's JSON under the page's <c>data-figure</c> name.</summary>
    private static IEnumerable<(string Figure, long Amount)> ExpectedFigures(JsonElement json)
    {
        if (json.TryGetProperty("assets", out _))
        {
            foreach (var (property, section) in new[] { ("assets", "aset"), ("liabilities", "liabilitas"), ("equity", "ekuitas") })
            {
                foreach (var (code, amount) in ReportSteps.Lines(json.GetProperty(property)))
                {
                    yield return ($"{section}:{code}", amount);
                }
                yield return ($"jumlah:{section}", json.GetProperty(property).GetProperty("total").GetInt64());
            }
            yield return ("jumlah:liabilitas-ekuitas", json.GetProperty("liabilitiesAndEquity").GetInt64());
        }
        else if (json.TryGetProperty("income", out var income))
        {
            foreach (var line in income.GetProperty("lines").EnumerateArray())
            {
                var code = line.GetProperty("code").GetString();
                yield return ($"pendapatan:{code}", line.GetProperty("amount").GetInt64());
                yield return ($"pendapatan:{code}:anggota", line.GetProperty("member").GetInt64());
                yield return ($"pendapatan:{code}:non-anggota", line.GetProperty("nonMember").GetInt64());
            }
            yield return ("jumlah:pendapatan", income.GetProperty("total").GetInt64());
            foreach (var (code, amount) in ReportSteps.Lines(json.GetProperty("expenses")))
            {
                yield return ($"beban:{code}", amount);
            }
            yield return ("jumlah:beban", json.GetProperty("expenses").GetProperty("total").GetInt64());
            yield return ("shu", json.GetProperty("shu").GetInt64());
        }
        else
        {
            foreach (var line in json.GetProperty("lines").EnumerateArray().Append(json.GetProperty("total")))
            {
                var code = line.GetProperty("code").GetString();
                foreach (var (property, name) in new[] { ("opening", "saldo-awal"), ("additions", "penambahan"), ("deductions", "pengurangan"), ("yearClose", "penutupan"), ("closing", "saldo-akhir") })
                {
                    yield return ($"{code}:{name}", line.GetProperty(property).GetInt64());
                }
            }
            yield return ("shu", json.GetProperty("shuTahunBerjalan").GetInt64());
        }
    }

    /// <summary>The CSV rows a report's JSON should give: code and figures, in order (a total's code is empty).</summary>
    private static List<string> ExpectedRows(JsonElement json)
    {
        var rows = new List<string>();
        if (json.TryGetProperty("assets", out _))
        {
            foreach (var property in new[] { "assets", "liabilities", "equity" })
            {
                rows.AddRange(ReportSteps.Lines(json.GetProperty(property)).Select(l => $"{l.Key}={l.Value}"));
                rows.Add($"={json.GetProperty(property).GetProperty("total").GetInt64()}");
            }
            rows.Add($"={json.GetProperty("liabilitiesAndEquity").GetInt64()}");
        }
        else if (json.TryGetProperty("income", out var income))
        {
            rows.AddRange(income.GetProperty("lines").EnumerateArray()
                .Select(l => $"{l.GetProperty("code").GetString()}={l.GetProperty("member").GetInt64()}/{l.GetProperty("nonMember").GetInt64()}/{l.GetProperty("amount").GetInt64()}"));
            rows.Add($"={income.GetProperty("member").GetInt64()}/{income.GetProperty("nonMember").GetInt64()}/{income.GetProperty("total").GetInt64()}");
            rows.AddRange(ReportSteps.Lines(json.GetProperty("expenses")).Select(l => $"{l.Key}=//{l.Value}"));
            rows.Add($"=//{json.GetProperty("expenses").GetProperty("total").GetInt64()}");
            rows.Add($"=//{json.GetProperty("shu").GetInt64()}");
        }
        else
        {
            rows.AddRange(json.GetProperty("lines").EnumerateArray().Append(json.GetProperty("total")).Select(l => $"{l.GetProperty("code").GetString()}=" +
                string.Join("/", new[] { "opening", "additions", "deductions", "yearClose", "closing" }.Select(p => l.GetProperty(p).GetInt64()))));
        }
        return rows;
    }

    /// <summary>A CSV row as "code=figures" in the shape of <see cref="ExpectedRows"/>.</summary>
    private static string Figures(Dictionary<string, string> row)
    {
        var code = row["Kode Akun"];
        if (row.ContainsKey("Saldo Awal"))
        {
            return $"{code}=" + string.Join("/", new[] { "Saldo Awal", "Penambahan", "Pengurangan", "Penutupan Buku", "Saldo Akhir" }.Select(h => row[h]));
        }
        return row.ContainsKey("Anggota") ? $"{code}={row["Anggota"]}/{row["Non-anggota"]}/{row["Jumlah"]}" : $"{code}={row["Jumlah"]}";
    }

    /// <summary>"Rp1.234.567" or "-Rp30.000" back to whole rupiah.</summary>
    private static long ParseRupiah(string text)
    {
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-');
        Assert.StartsWith("Rp", trimmed.TrimStart('-'), StringComparison.Ordinal);
        var digits = trimmed.TrimStart('-')[2..].Replace(".", "", StringComparison.Ordinal);
        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }
}
