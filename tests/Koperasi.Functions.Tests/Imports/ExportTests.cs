using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Koperasi.Functions.Tests.Support;
using MiniExcelLibs;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>
/// Exports re-read with the libraries (MiniExcel for values, the Open XML SDK for cell types, formats and the frozen
/// pane) and compared with the JSON routes' figures; and the templates.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExportTests(ApiFixture fixture)
{
    private const string AsOf = "2026-09-30";

    [Fact]
    public async Task ExportTrialBalanceXlsx_ReReadByTheLibrary_HasTheJsonFiguresInRupiahNumberCells()
    {
        var coop = await MovedInAsync();

        var bytes = await coop.Admin.GetByteArrayAsync($"/api/exports/trial-balance.xlsx?asOf={AsOf}");

        var json = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/ledger/trial-balance?asOf={AsOf}");
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var expected = json.GetProperty("accounts").EnumerateArray()
            .Select(a => (a.GetProperty("code").GetString(), a.GetProperty("debit").GetInt64(), a.GetProperty("credit").GetInt64(), a.GetProperty("balance").GetInt64())).ToList();
        Assert.Equal(expected, rows.Take(expected.Count).Select(r => ((string?)r["Kode Akun"], Whole(r["Debit"]), Whole(r["Kredit"]), Whole(r["Saldo"]))).ToList());
        Assert.Equal((json.GetProperty("totalDebit").GetInt64(), json.GetProperty("totalCredit").GetInt64()), (Whole(rows[^1]["Debit"]), Whole(rows[^1]["Kredit"])));
        AssertRupiahNumberCellsAndFrozenHeader(bytes, "D");
    }

    [Fact]
    public async Task ExportMembersCsvAndXlsx_AsOfTheCutOver_HaveEachMembersJsonBalances()
    {
        var coop = await MovedInAsync();

        var xlsx = MiniExcel.Query(new MemoryStream(await coop.Admin.GetByteArrayAsync($"/api/exports/members.xlsx?asOf={AsOf}")), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        var csv = Encoding.UTF8.GetString(await coop.Admin.GetByteArrayAsync($"/api/exports/members.csv?asOf={AsOf}")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();

        Assert.Equal(["Nomor Anggota", "Nama", "Email", "Telepon", "Tanggal Masuk", "Simpanan Pokok", "Simpanan Wajib", "Simpanan Sukarela", "Jumlah Simpanan"], csv[0]);
        foreach (var id in new[] { "A-001", "A-002" })
        {
            var balances = (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{id}/balances?asOf={AsOf}")).GetProperty("balances");
            var expected = (balances.GetProperty("simpanan_pokok").GetInt64(), balances.GetProperty("simpanan_wajib").GetInt64(), balances.GetProperty("simpanan_sukarela").GetInt64());
            var row = xlsx.Single(r => (string?)r["Nomor Anggota"] == id);
            Assert.Equal(expected, (Whole(row["Simpanan Pokok"]), Whole(row["Simpanan Wajib"]), Whole(row["Simpanan Sukarela"])));
            var line = csv.Single(l => l[0] == id);
            Assert.Equal(expected, (long.Parse(line[5], CultureInfo.InvariantCulture), long.Parse(line[6], CultureInfo.InvariantCulture), long.Parse(line[7], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task ExportMemberLedgerXlsx_ForTheMonth_HasTheJsonLinesAndRunningBalances()
    {
        var coop = await MovedInAsync();

        var bytes = await coop.Admin.GetByteArrayAsync("/api/members/A-001/ledger.xlsx?from=2026-09-01&to=2026-09-30");

        var json = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-001/ledger?from=2026-09-01&to=2026-09-30");
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var lines = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(lines.Count + 1, rows.Count);
        Assert.Equal(lines.Select(l => (l.GetProperty("transactionId").GetString() is not null, l.GetProperty("change").GetInt64(), l.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64())),
            rows.Skip(1).Select(r => (true, Whole(r["Mutasi"]), Whole(r["Simpanan Sukarela"]))));
        Assert.Equal("opening_balance", (string?)rows[1]["Jenis"]);
        AssertRupiahNumberCellsAndFrozenHeader(bytes, "G");
    }

    [Fact]
    public async Task ExportUnknownName_Answers404Problem()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync("/api/exports/laba-rugi.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("members", "Nomor Anggota;Nama;Email;Telepon;Tanggal Masuk")]
    [InlineData("opening-balances", "Nomor Anggota;Nama;Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela")]
    [InlineData("loans", "Nomor Anggota;Nomor Pinjaman;Kode Produk;Pokok Pinjaman;Jangka Waktu (bulan);Jasa per Bulan (%);Metode;Tanggal Pencairan;Angsuran Sudah Dibayar;Sisa Pokok")]
    public async Task GetTemplate_EachKind_HasIndonesianHeadersAndOneExampleRowInBothFormats(string kind, string header)
    {
        var coop = await fixture.NewCooperativeAsync();

        var csv = Encoding.UTF8.GetString(await coop.Admin.GetByteArrayAsync($"/api/imports/templates/{kind}.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var xlsx = MiniExcel.Query(new MemoryStream(await coop.Admin.GetByteArrayAsync($"/api/imports/templates/{kind}.xlsx")), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal([header], csv.Take(1));
        Assert.Equal(2, csv.Length);
        Assert.Equal(header.Split(';'), xlsx.Single().Keys);
    }

    [Fact]
    public async Task ImportTemplateExample_PostedBack_IsAccepted()
    {
        var coop = await fixture.NewCooperativeAsync();
        var template = await coop.Admin.GetByteArrayAsync("/api/imports/templates/members.xlsx");

        var response = await ImportFiles.PostAsync(coop.Admin, "/api/imports/members?dryRun=true", template, ImportFiles.Xlsx);

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 0), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("invalid").GetInt32()));
    }

    /// <summary>A cooperative with two imported members, their opening balances, and a deposit after the cut-over.</summary>
    private async Task<TestCooperative> MovedInAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/members", "Nomor Anggota,Nama\nA-001,Siti Rahmawati\nA-002,Budi Santoso\n");
        await ImportFiles.ImportCsvAsync(coop.Admin, $"/api/imports/opening-balances?asOf={AsOf}",
            "Nomor Anggota;Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela\nA-001;100.000;1.200.000;2.500.000\nA-002;100000;600000;0\n");
        var deposit = await coop.Admin.PostAsJsonAsync("/api/transactions", new
        {
            id = "dep-after", memberId = "A-001", kind = "deposit", account = "simpanan_sukarela", amount = 50_000, occurredAt = "2026-10-05T10:00:00+08:00",
        });
        deposit.EnsureSuccessStatusCode();
        await ApiFixture.WaitForStatusAsync(coop.Admin, "dep-after");
        return coop;
    }

    private static long Whole(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>The money column holds number cells (no text type) styled with the rupiah format, and row 1 is frozen.</summary>
    internal static void AssertRupiahNumberCellsAndFrozenHeader(byte[] bytes, string moneyColumn)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Cell>().Where(c => c.CellReference!.Value!.StartsWith(moneyColumn, StringComparison.Ordinal) && c.CellReference.Value != moneyColumn + "1")
            .Where(c => c.CellValue is not null).ToList();
        Assert.NotEmpty(cells);
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var styles = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        foreach (var cell in cells)
        {
            Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{cell.CellReference} is not a number cell");
            var format = formats.GetValueOrDefault(styles[(int)cell.StyleIndex!.Value].NumberFormatId!.Value);
            Assert.Equal("\"Rp\"#,##0;-\"Rp\"#,##0", format);
        }
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 1d, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
    }
}
