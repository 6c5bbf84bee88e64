namespace Koperasi.Functions.Imports;

/// <summary>The columns of each file the import reads (Indonesian headers, as the treasurer's own sheets say them) and one made-up example row.</summary>
public static class ImportTemplates
{
    public const string MemberNumber = "Nomor Anggota";
    public const string Name = "Nama";
    public const string Email = "Email";
    public const string Phone = "Telepon";
    public const string JoinedOn = "Tanggal Masuk";
    public const string Pokok = "Simpanan Pokok";
    public const string Wajib = "Simpanan Wajib";
    public const string Sukarela = "Simpanan Sukarela";
    public const string LoanNumber = "Nomor Pinjaman";
    public const string ProductCode = "Kode Produk";
    public const string Principal = "Pokok Pinjaman";
    public const string TermMonths = "Jangka Waktu (bulan)";
    public const string MonthlyRate = "Jasa per Bulan (%)";
    public const string Method = "Metode";
    public const string DisbursedOn = "Tanggal Pencairan";
    public const string InstallmentsPaid = "Angsuran Sudah Dibayar";
    public const string Outstanding = "Sisa Pokok";

    public static readonly IReadOnlyList<SheetColumn> MemberColumns =
    [
        new(MemberNumber, Required: true), new(Name, Required: true), new(Email), new(Phone), new(JoinedOn),
    ];

    /// <summary>Nama is there for the treasurer's eye only; the member number identifies the row.</summary>
    public static readonly IReadOnlyList<SheetColumn> OpeningBalanceColumns =
    [
        new(MemberNumber, Required: true), new(Name), new(Pokok, SheetColumnKind.Rupiah), new(Wajib, SheetColumnKind.Rupiah), new(Sukarela, SheetColumnKind.Rupiah),
    ];

    /// <summary>
    /// Running loans: the loan number identifies the row (it becomes the loan's id); the product gives the terms the file
    /// does not (admin fee, rounding, denda); <c>Sisa Pokok</c>, when the file has it, must be what the schedule leaves.
    /// </summary>
    public static readonly IReadOnlyList<SheetColumn> LoanColumns =
    [
        new(MemberNumber, Required: true), new(LoanNumber, Required: true), new(ProductCode, Required: true), new(Principal, SheetColumnKind.Rupiah, true),
        new(TermMonths, SheetColumnKind.Number, true), new(MonthlyRate, Required: true), new(Method, Required: true), new(DisbursedOn, Required: true),
        new(InstallmentsPaid, SheetColumnKind.Number, true), new(Outstanding, SheetColumnKind.Rupiah),
    ];

    public static SheetTable? Find(string kind) => kind switch
    {
        ImportKinds.Members => new SheetTable("Anggota", MemberColumns, [["A-001", "Siti Rahmawati", "siti@contoh.id", "+6281234567890", "15/01/2024"]]),
        ImportKinds.OpeningBalances => new SheetTable("Saldo Awal", OpeningBalanceColumns, [["A-001", "Siti Rahmawati", 100_000L, 1_200_000L, 2_500_000L]]),
        ImportKinds.Loans => new SheetTable("Pinjaman", LoanColumns, [["A-001", "PJ-2026-001", "UMUM", 10_000_000L, 12, "1,5", "flat", "15/03/2026", 4, 6_666_668L]]),
        _ => null,
    };
}
