using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using MiniExcelLibs;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>
/// Running loans brought in from a spreadsheet through the LocalHost and Azurite: the schedule rebuilt (checked against
/// an independent computation here), the principal left equal to the file's, in the trial balance against
/// ekuitas_saldo_awal, arrears following from the schedule, a second import a no-op, bad rows refused exactly, and the
/// loans export equal to the arrears report.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LoanImportTests(ApiFixture fixture)
{
    private const string AsOf = "2026-09-30";
    private static readonly DateOnly CutOver = new(2026, 9, 30);
    private const string Header = "Nomor Anggota;Nomor Pinjaman;Kode Produk;Pokok Pinjaman;Jangka Waktu (bulan);Jasa per Bulan (%);Metode;Tanggal Pencairan;Angsuran Sudah Dibayar;Sisa Pokok\n";

    // A flat loan with its principal left written in (10,000,000 - 4 x 833,333), and a declining one without it.
    private const string File = Header +
        "A-001;PJ-001;UMUM;10.000.000;12;1,5;flat;15/03/2026;4;6.666.668\n" +
        "A-002;PJ-002;UMUM;Rp 6.000.000;10;2;menurun;2026-01-31;3;\n";

    [Fact]
    public async Task ImportLoans_FlatAndDecliningLoans_ScheduleRebuiltPrincipalLeftInTheTrialBalanceAndArrearsFromTheSchedule()
    {
        var coop = await MovedInAsync();

        var loan1 = await LoanSteps.LoanAsync(coop, "PJ-001", CutOver);
        var loan2 = await LoanSteps.LoanAsync(coop, "PJ-002", CutOver);

        var flat = Expected(flat: true, 10_000_000, 12, 150, new DateOnly(2026, 3, 15));
        var declining = Expected(flat: false, 6_000_000, 10, 200, new DateOnly(2026, 1, 31));
        AssertSchedule(flat, 4, loan1);
        AssertSchedule(declining, 3, loan2);
        long left1 = 10_000_000 - flat.Take(4).Sum(i => i.Principal), left2 = 6_000_000 - declining.Take(3).Sum(i => i.Principal);
        Assert.Equal((6_666_668L, 4_200_000L), (left1, left2));
        Assert.Equal(("active", left1, "2026-03-15"), (loan1.GetProperty("status").GetString(), loan1.GetProperty("outstandingPrincipal").GetInt64(), loan1.GetProperty("disbursedOn").GetString()));
        Assert.Equal(("active", left2), (loan2.GetProperty("status").GetString(), loan2.GetProperty("outstandingPrincipal").GetInt64()));
        Assert.Equal(left1 + left2, await LoanSteps.TrialBalanceAsync(coop, "piutang_pinjaman", CutOver));
        // Equity is shown credit-positive: the loans' side of the saldo awal (the savings' side debits it).
        Assert.Equal(left1 + left2, await LoanSteps.TrialBalanceAsync(coop, "ekuitas_saldo_awal", CutOver));
        Assert.Equal(0, await LoanSteps.TrialBalanceAsync(coop, "kas", CutOver));

        // Six installments of PJ-001 fell due by the cut-over and four were paid: the oldest unpaid is 15 August.
        var arrears = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/loans/arrears?asOf={AsOf}");
        var items = arrears.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("loanId").GetString()!);
        Assert.Equal((CutOver.DayNumber - flat[4].Due.DayNumber, "31-90", flat.Skip(4).Take(2).Sum(i => i.Principal + i.Interest)),
            (items["PJ-001"].GetProperty("daysPastDue").GetInt32(), items["PJ-001"].GetProperty("bucket").GetString(), items["PJ-001"].GetProperty("overdue").GetInt64()));
        Assert.Equal((CutOver.DayNumber - declining[3].Due.DayNumber, "91-180"),
            (items["PJ-002"].GetProperty("daysPastDue").GetInt32(), items["PJ-002"].GetProperty("bucket").GetString()));
        Assert.Equal(left1 + left2, arrears.GetProperty("outstandingPrincipal").GetInt64());

        // The imported loan takes repayments like any other, and the ledger check proves both kinds of money.
        var repaid = await LoanSteps.RepayAsync(coop, "angsuran-pj-001", "A-001", "PJ-001", 1_000_000, LoanSteps.At(2026, 10, 5));
        Assert.Equal("posted", repaid.GetProperty("status").GetString());
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task ImportLoans_SameFileAgainAsXlsx_ChangesNothing()
    {
        var coop = await MovedInAsync();
        var trial = await TrialAsync(coop);
        var xlsx = TestWorkbook.Build(
            Header.TrimEnd('\n').Split(';'),
            ["A-001", "PJ-001", "UMUM", 10_000_000d, 12d, 1.5d, "flat", "15/03/2026", 4d, 6_666_668d],
            ["A-002", "PJ-002", "UMUM", 6_000_000d, 10d, "2", "menurun", "31-01-2026", 3d, null]);

        var again = await ImportFiles.PostAsync(coop.Admin, $"/api/imports/loans?asOf={AsOf}", xlsx, ImportFiles.Xlsx);
        Assert.True(again.StatusCode == HttpStatusCode.Accepted, await again.Content.ReadAsStringAsync());
        var done = await ImportFiles.WaitAsync(coop.Admin, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

        Assert.Equal((0, 2, 0), (done.GetProperty("imported").GetInt32(), done.GetProperty("unchanged").GetInt32(), done.GetProperty("refused").GetInt32()));
        Assert.Equal(trial, await TrialAsync(coop));
        var loans = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-001/loans");
        Assert.Equal(1, loans.GetProperty("items").GetArrayLength());
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task ImportLoans_FileWithBadRows_AnswersExactlyTheRowErrorsAndACorrectedFileImportsOnlyThoseRows()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");
        await LoanJson.PutProductAsync(coop);
        var file = Header +
            "A-001;PJ-010;UMUM;5.000.000;10;1,5;flat;15/05/2026;2;4.000.000\n" +
            "A-404;PJ-011;UMUM;5.000.000;10;1,5;flat;15/05/2026;2;\n" +
            "A-002;PJ-010;UMUM;5.000.000;10;1,5;flat;15/05/2026;2;\n" +
            "A-002;PJ-012;NOPE;5.000.000;10;1,5;flat;15/05/2026;2;\n" +
            "A-002;PJ-013;UMUM;1,250;12;1,5;bulanan;15/05/2026;2;\n" +
            "A-002;PJ-014;UMUM;3.000.000;6;1,5;flat;01/11/2026;0;\n" +
            "A-002;PJ-015;UMUM;3.000.000;6;1,5;flat;01/01/2026;6;\n" +
            "A-002;PJ-016;UMUM;3.000.000;6;1,5;flat;01/01/2026;2;2.000.001\n" +
            "\n" +
            "A-002;PJ-017;UMUM;3.000.000;6;1,555;flat;01.01.2026;2;\n";

        var refused = await ImportFiles.PostCsvAsync(coop.Admin, $"/api/imports/loans?asOf={AsOf}", file, bom: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            [
                (3, "Nomor Anggota", "there is no member 'A-404' in this cooperative; import the members first"),
                (4, "Nomor Pinjaman", "loan number 'PJ-010' appears again (first in row 2)"),
                (5, "Kode Produk", "there is no loan product 'NOPE'; add it first (PUT /api/loan-products/NOPE)"),
                (6, "Metode", "'bulanan' is not a method; write flat, anuitas or menurun"),
                (6, "Pokok Pinjaman", "'1,250' could be read two ways (a thousands comma, or a decimal comma); write 1250 or 1.250"),
                (7, "Tanggal Pencairan", "is after the cut-over date 2026-09-30; a loan disbursed later is disbursed here"),
                (8, "Angsuran Sudah Dibayar", "all 6 installments are paid: a repaid loan is not brought in"),
                (9, "Sisa Pokok", "is 2000001, but the schedule leaves 2000000 of principal after 2 installment(s); check the principal, term, rate, method and installments paid"),
                (11, "Jasa per Bulan (%)", "'1,555' has more than two decimals; write it such as 1,25"),
            ],
            ImportFiles.Errors(problem.GetProperty("rowErrors")));
        Assert.Equal(0, await LoanSteps.TrialBalanceAsync(coop, "piutang_pinjaman", CutOver));

        var skipped = await ImportFiles.PostCsvAsync(coop.Admin, $"/api/imports/loans?asOf={AsOf}&skipInvalid=true", file);
        Assert.Equal(HttpStatusCode.Accepted, skipped.StatusCode);
        var first = await ImportFiles.WaitAsync(coop.Admin, (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var corrected = await ImportFiles.ImportCsvAsync(coop.Admin, $"/api/imports/loans?asOf={AsOf}",
            Header + "A-001;PJ-010;UMUM;5.000.000;10;1,5;flat;15/05/2026;2;4.000.000\n" + "A-002;PJ-016;UMUM;3.000.000;6;1,5;flat;01/01/2026;2;2.000.000\n");

        Assert.Equal((1, 8), (first.GetProperty("imported").GetInt32(), first.GetProperty("skipped").GetInt32()));
        Assert.Equal((1, 1, 0), (corrected.GetProperty("imported").GetInt32(), corrected.GetProperty("unchanged").GetInt32(), corrected.GetProperty("refused").GetInt32()));
        Assert.Equal(6_000_000, await LoanSteps.TrialBalanceAsync(coop, "piutang_pinjaman", CutOver));
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task ImportLoans_WithoutAsOf_Answers400()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await ImportFiles.PostCsvAsync(coop.Admin, "/api/imports/loans", File);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("asOf", out _));
    }

    [Fact]
    public async Task ExportLoansXlsxAndCsv_AfterTheImport_HaveTheArrearsReportsFigures()
    {
        var coop = await MovedInAsync();

        var bytes = await coop.Admin.GetByteArrayAsync($"/api/exports/loans.xlsx?asOf={AsOf}");
        var csv = Encoding.UTF8.GetString(await coop.Admin.GetByteArrayAsync($"/api/exports/loans.csv?asOf={AsOf}")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();

        var json = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/loans/arrears?asOf={AsOf}");
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var expected = json.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("loanId").GetString(), i.GetProperty("memberId").GetString(),
            i.GetProperty("bucket").GetString(), (long)i.GetProperty("daysPastDue").GetInt32(), i.GetProperty("outstandingPrincipal").GetInt64(),
            i.GetProperty("overdue").GetInt64(), i.GetProperty("penaltyDue").GetInt64())).ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, rows.Take(expected.Count).Select(r => ((string?)r["Nomor Pinjaman"], (string?)r["Nomor Anggota"], (string?)r["Golongan Tunggakan"],
            Whole(r["Hari Tunggakan"]), Whole(r["Sisa Pokok"]), Whole(r["Tunggakan"]), Whole(r["Denda"]))).ToList());
        Assert.Equal((json.GetProperty("outstandingPrincipal").GetInt64(), json.GetProperty("overdue").GetInt64()), (Whole(rows[^1]["Sisa Pokok"]), Whole(rows[^1]["Tunggakan"])));
        Assert.Equal(["Nomor Pinjaman", "Nomor Anggota", "Kode Produk", "Golongan Tunggakan", "Hari Tunggakan", "Jatuh Tempo Tertua", "Sisa Pokok", "Tunggakan", "Denda"], csv[0]);
        Assert.Equal(expected.Select(e => (e.Item1, e.Item5)), csv.Skip(1).Take(2).Select(l => ((string?)l[0], long.Parse(l[6], CultureInfo.InvariantCulture))));
        ExportTests.AssertRupiahNumberCellsAndFrozenHeader(bytes, "G");
    }

    /// <summary>Members, the example product (whole rupiah), and <see cref="File"/> imported as of the cut-over (CSV with a BOM).</summary>
    private async Task<TestCooperative> MovedInAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");
        await LoanJson.PutProductAsync(coop);
        var response = await ImportFiles.PostCsvAsync(coop.Admin, $"/api/imports/loans?asOf={AsOf}", File, bom: true);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var done = await ImportFiles.WaitAsync(coop.Admin, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal((2, 0, 0), (done.GetProperty("imported").GetInt32(), done.GetProperty("unchanged").GetInt32(), done.GetProperty("refused").GetInt32()));
        return coop;
    }

    /// <summary>
    /// The schedule by docs/loans.md's rules, computed here in decimals (unit 1): jasa = round(P·r) (flat) or round(B·r)
    /// (declining); installment = round(P/n + that base·r); pokok = installment − jasa; the last takes what is left. Due
    /// dates: the disbursement day each month from the next, the month's last day when it has no such day.
    /// </summary>
    private static List<(DateOnly Due, long Principal, long Interest)> Expected(bool flat, long principal, int term, int bps, DateOnly disbursed)
    {
        var rate = bps / 10_000m;
        var owed = principal;
        var schedule = new List<(DateOnly, long, long)>();
        for (var k = 1; k <= term; k++)
        {
            var month = new DateOnly(disbursed.Year, disbursed.Month, 1).AddMonths(k);
            var due = new DateOnly(month.Year, month.Month, Math.Min(disbursed.Day, DateTime.DaysInMonth(month.Year, month.Month)));
            var basis = flat ? principal : owed;
            var interest = (long)Math.Round(basis * rate, MidpointRounding.AwayFromZero);
            var pokok = k == term ? owed : (long)Math.Round((decimal)principal / term + basis * rate, MidpointRounding.AwayFromZero) - interest;
            schedule.Add((due, pokok, interest));
            owed -= pokok;
        }
        return schedule;
    }

    private static void AssertSchedule(List<(DateOnly Due, long Principal, long Interest)> expected, int paid, JsonElement loan)
    {
        var schedule = loan.GetProperty("schedule").EnumerateArray().ToList();
        Assert.Equal(expected, schedule.Select(i => (DateOnly.Parse(i.GetProperty("dueDate").GetString()!, CultureInfo.InvariantCulture),
            i.GetProperty("principal").GetInt64(), i.GetProperty("interest").GetInt64())).ToList());
        Assert.Equal(expected.Select((e, i) => i < paid ? (e.Principal, e.Interest, "paid") : (0L, 0L, "")),
            schedule.Select(i => (i.GetProperty("paidPrincipal").GetInt64(), i.GetProperty("paidInterest").GetInt64(),
                i.GetProperty("status").GetString() == "paid" ? "paid" : "")));
    }

    private static Task<Dictionary<string, long>> TrialAsync(TestCooperative coop) => ImportFiles.TrialAsync(coop.Admin, AsOf);

    private static long Whole(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
