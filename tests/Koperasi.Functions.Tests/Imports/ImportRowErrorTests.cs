using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>Files with bad rows get exactly their row errors, import nothing, and a corrected file imports only what was refused.</summary>
[Collection(ApiCollection.Name)]
public sealed class ImportRowErrorTests(ApiFixture fixture)
{
    // Row 1 is the header; line 5 is empty; the date column uses three formats.
    private const string MembersCsv =
        "Nomor Anggota;Nama;Email;Telepon;Tanggal Masuk\n" +
        "A-001;Siti Rahmawati;siti@contoh.id;+6281234567890;15/01/2024\n" +
        "A-002;Budi Santoso;;;2024-02-20\n" +
        "A-003;Dewi Lestari;;;20-03-2024\n" +
        "\n" +
        "A-002;Budi Lagi;;;01/01/2024\n" +
        "A-004;Rina;bukan-email;;01/13/2024\n" +
        "A 005;;;;\n";

    [Fact]
    public async Task ImportMembers_FileWithBadRows_AnswersEveryRowErrorAndImportsNothing()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await ImportFiles.PostCsvAsync(coop.Admin, "/api/imports/members", MembersCsv, bom: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_rows", problem.GetProperty("code").GetString());
        Assert.Equal(
            [
                (6, "Nomor Anggota", "member number 'A-002' appears again (first in row 3)"),
                (7, "Email", "must be an email address"),
                (7, "Tanggal Masuk", "'01/13/2024' is not a date; write a date as dd/mm/yyyy or yyyy-mm-dd, such as 31/01/2024"),
                (8, "Nama", "is required"),
                (8, "Nomor Anggota", "must be 1-32 characters of letters, digits, '-' and '_'"),
            ],
            ImportFiles.Errors(problem.GetProperty("rowErrors")));
        Assert.Equal(0, (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ImportMembers_SkipInvalidThenCorrectedFile_ImportsOnlyTheRowsRefusedBefore()
    {
        var coop = await fixture.NewCooperativeAsync();

        var first = await ImportFiles.PostCsvAsync(coop.Admin, "/api/imports/members?skipInvalid=true", MembersCsv);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var done = await ImportFiles.WaitAsync(coop.Admin, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var corrected = MembersCsv.Replace("A-002;Budi Lagi", "A-006;Budi Lagi", StringComparison.Ordinal).Replace("bukan-email;;01/13/2024", "rina@contoh.id;;13/01/2024", StringComparison.Ordinal)
            .Replace("A 005;;;;", "A-005;Joko;;;", StringComparison.Ordinal);
        var second = await ImportFiles.ImportCsvAsync(coop.Admin, "/api/imports/members", corrected);

        Assert.Equal((3, 3), (done.GetProperty("imported").GetInt32(), done.GetProperty("skipped").GetInt32()));
        Assert.Equal((3, 3, 0), (second.GetProperty("imported").GetInt32(), second.GetProperty("unchanged").GetInt32(), second.GetProperty("refused").GetInt32()));
        var joined = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-003");
        Assert.Equal(new DateTimeOffset(2024, 3, 20, 0, 0, 0, TimeSpan.FromHours(8)), joined.GetProperty("joinedAt").GetDateTimeOffset());
        Assert.Equal(6, (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("members", "Email;Telepon\nsiti@contoh.id;\n", "Nomor Anggota|Nama",
        "Nomor Anggota, Nama, Email, Telepon, Tanggal Masuk")]
    [InlineData("opening-balances?asOf=2026-09-30", "Nama;Simpanan Pokok\nSiti;100000\n", "Nomor Anggota",
        "Nomor Anggota, Nama, Simpanan Pokok, Simpanan Wajib, Simpanan Sukarela")]
    [InlineData("loans?asOf=2026-09-30",
        "Nomor Anggota;Nomor Pinjaman;Kode Produk;Pokok Pinjaman;Jangka Waktu (bulan);Jasa per Bulan (%);Tanggal Pencairan;Angsuran Sudah Dibayar\nA-001;PJ-1;UMUM;1000000;12;1,5;15/03/2026;0\n",
        "Metode", "Nomor Anggota, Nomor Pinjaman, Kode Produk, Pokok Pinjaman, Jangka Waktu (bulan), Jasa per Bulan (%), Metode, Tanggal Pencairan, Angsuran Sudah Dibayar, Sisa Pokok")]
    public async Task Import_HeaderRowWithoutARequiredColumn_IsRefusedAtRowOneOnly(string path, string csv, string missing, string templateHeaders)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");

        var response = await ImportFiles.PostCsvAsync(coop.Admin, "/api/imports/" + path, csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            missing.Split('|').Select(column => (1, column, $"the header row has no '{column}' column (the template's headers: {templateHeaders})"))
                .OrderBy(e => e.column, StringComparer.Ordinal).ToList(),
            ImportFiles.Errors((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowErrors")));
    }

    [Fact]
    public async Task ImportOpeningBalances_XlsxWithBadRows_AnswersEveryRowError()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");
        await coop.AddMemberAsync("A-002");
        var file = TestWorkbook.Build(
            ["Nomor Anggota", "Nama", "Simpanan Pokok", "Simpanan Wajib", "Simpanan Sukarela"],
            ["A-001", "Siti", 100_000d, "1.200.000", "Rp 2.500.000"],
            ["A-002", "Budi", "=50000*2", "1,250", "12.500,50"],
            [],
            ["Z-999", "Tidak Ada", 100_000d, -5d, "seratus"],
            ["A-001", "Siti lagi", null, null, 1.5d]);

        var response = await ImportFiles.PostAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30", file, ImportFiles.Xlsx);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            [
                (3, "Simpanan Pokok", "holds a formula; paste the values only (Paste Special > Values), so the import reads what you see"),
                (3, "Simpanan Sukarela", "'12.500,50' has sen; write whole rupiah, such as 1250000 or 1.250.000"),
                (3, "Simpanan Wajib", "'1,250' could be read two ways (a thousands comma, or a decimal comma); write 1250 or 1.250"),
                (5, "Nomor Anggota", "there is no member 'Z-999' in this cooperative; import the members first"),
                (5, "Simpanan Sukarela", "'seratus' is not an amount; write whole rupiah, such as 1250000 or 1.250.000"),
                (5, "Simpanan Wajib", "must not be negative"),
                (6, "Nomor Anggota", "member number 'A-001' appears again (first in row 2)"),
                (6, "Simpanan Sukarela", "1.5 has sen; write whole rupiah, such as 1250000 or 1.250.000"),
            ],
            ImportFiles.Errors((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowErrors")));
    }

    [Fact]
    public async Task ImportOpeningBalances_DryRun_ChecksAndPostsNothing()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");

        var response = await ImportFiles.PostCsvAsync(coop.Admin, "/api/imports/opening-balances?asOf=2026-09-30&dryRun=true",
            "Nomor Anggota,Simpanan Pokok,Simpanan Wajib,Simpanan Sukarela\nA-001,100000,\"1.200.000\",0\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("checked", 1, 0), (answer.GetProperty("status").GetString(), answer.GetProperty("accepted").GetInt32(), answer.GetProperty("invalid").GetInt32()));
        var trial = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance?asOf=2026-09-30");
        Assert.Equal(0, trial.GetProperty("accounts").GetArrayLength());
    }
}
