using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;
using MiniExcelLibs;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>
/// The books' exports (the general journal and the three reports) re-read with MiniExcel and compared with their JSON
/// routes, called with the same query parameters.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BookExportTests(ApiFixture fixture)
{
    [Fact]
    public async Task ExportJournalEntriesXlsx_ForAPeriod_HasEveryLineOfTheJsonEntriesInThatPeriod()
    {
        var coop = await WithJournalAsync();

        var bytes = await coop.Admin.GetByteArrayAsync("/api/exports/journal-entries.xlsx?from=2025-03-01&to=2025-03-31");

        var json = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/journal-entries?from=2025-03-01&to=2025-03-31");
        var expected = json.GetProperty("items").EnumerateArray().SelectMany(e => e.GetProperty("lines").EnumerateArray().Select(l =>
            (e.GetProperty("businessDate").GetString(), e.GetProperty("id").GetString(), l.GetProperty("account").GetString(),
                l.TryGetProperty("debit", out var d) ? d.GetInt64() : 0, l.TryGetProperty("credit", out var c) ? c.GetInt64() : 0))).ToList();
        Assert.Equal(6, expected.Count);
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(expected, rows.Take(rows.Count - 1).Select(r =>
            ((string?)r["Tanggal"], (string?)r["No. Bukti"], (string?)r["Kode Akun"], Whole(r["Debit"]), Whole(r["Kredit"]))).ToList());
        Assert.Equal((1_330_000L, 1_330_000L), (Whole(rows[^1]["Debit"]), Whole(rows[^1]["Kredit"])));
        ExportTests.AssertRupiahNumberCellsAndFrozenHeader(bytes, "F");
    }

    [Fact]
    public async Task ExportIncomeXlsxAndCsv_ForAPeriod_HaveTheJsonReportsFigures()
    {
        var coop = await WithJournalAsync();

        var json = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/reports/income?from=2025-01-01&to=2025-12-31");
        var xlsx = MiniExcel.Query(new MemoryStream(await coop.Admin.GetByteArrayAsync("/api/exports/income.xlsx?from=2025-01-01&to=2025-12-31")), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        var csv = (await coop.Admin.GetStringAsync("/api/exports/income.csv?from=2025-01-01&to=2025-12-31")).TrimStart('\uFEFF');

        Assert.Equal(json.GetProperty("shu").GetInt64(), Whole(xlsx.Single(r => (string?)r["Bagian"] == "SHU")["Jumlah"]));
        Assert.Equal(300_000 - 30_000, json.GetProperty("shu").GetInt64());
        Assert.Contains("Sisa Hasil Usaha;;;270000", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportFinancialPositionAndEquityChangesXlsx_HaveTheJsonTotals()
    {
        var coop = await WithJournalAsync();

        var position = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/reports/financial-position?asOf=2025-12-31");
        var positionRows = MiniExcel.Query(new MemoryStream(await coop.Admin.GetByteArrayAsync("/api/exports/financial-position.xlsx?asOf=2025-12-31")), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        var equity = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/reports/equity-changes?year=2025");
        var equityRows = MiniExcel.Query(new MemoryStream(await coop.Admin.GetByteArrayAsync("/api/exports/equity-changes.xlsx?year=2025")), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(position.GetProperty("assets").GetProperty("total").GetInt64(), Whole(positionRows.Single(r => (string?)r["Nama Akun"] == "Jumlah Aset")["Jumlah"]));
        Assert.Equal(position.GetProperty("liabilitiesAndEquity").GetInt64(), Whole(positionRows[^1]["Jumlah"]));
        Assert.Equal(equity.GetProperty("total").GetProperty("closing").GetInt64(), Whole(equityRows[^1]["Saldo Akhir"]));
    }

    [Fact]
    public async Task ExportEquityChanges_YearNotFourDigits_Answers400NamingIt()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync("/api/exports/equity-changes.csv?year=25");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("year", out _));
    }

    /// <summary>A cooperative with Rp1,000,000 paid in, other income of Rp300,000 and costs of Rp30,000 in March 2025, and one entry in April.</summary>
    private async Task<TestCooperative> WithJournalAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await PostAsync(coop, "JU-1", "2025-03-03", ("kas", 1_000_000, 0), ("ekuitas_saldo_awal", 0, 1_000_000));
        await PostAsync(coop, "JU-2", "2025-03-10", ("bank", 300_000, 0), ("pendapatan_lain", 0, 300_000));
        await PostAsync(coop, "JU-3", "2025-03-20", ("beban_alat_tulis", 30_000, 0), ("kas", 0, 30_000));
        await PostAsync(coop, "JU-4", "2025-04-02", ("bank", 50_000, 0), ("kas", 0, 50_000));
        return coop;
    }

    private static async Task PostAsync(TestCooperative coop, string id, string date, params (string Account, long Debit, long Credit)[] lines)
    {
        var body = lines.Select(l => l.Debit > 0 ? (object)new { account = l.Account, debit = l.Debit } : new { account = l.Account, credit = l.Credit });
        var response = await coop.Admin.PostAsJsonAsync("/api/journal-entries", new { id, occurredAt = date + "T10:00:00+08:00", description = "Uji " + id, lines = body });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static long Whole(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
