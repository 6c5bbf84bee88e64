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

    public static readonly IReadOnlyList<SheetColumn> MemberColumns =
    [
        new(MemberNumber, Required: true), new(Name, Required: true), new(Email), new(Phone), new(JoinedOn),
    ];

    /// <summary>Nama is there for the treasurer's eye only; the member number identifies the row.</summary>
    public static readonly IReadOnlyList<SheetColumn> OpeningBalanceColumns =
    [
        new(MemberNumber, Required: true), new(Name), new(Pokok, SheetColumnKind.Rupiah), new(Wajib, SheetColumnKind.Rupiah), new(Sukarela, SheetColumnKind.Rupiah),
    ];

    /// <summary>Running loans: a template only for now; their import (a loan brought in against ekuitas_saldo_awal) is still to build.</summary>
    public static readonly IReadOnlyList<SheetColumn> LoanColumns =
    [
        new(MemberNumber, Required: true), new("Pokok Pinjaman", SheetColumnKind.Rupiah, true), new("Jangka Waktu (bulan)", SheetColumnKind.Number, true),
        new("Jasa per Bulan (%)", Required: true), new("Metode", Required: true), new("Tanggal Pencairan", Required: true),
        new("Angsuran Sudah Dibayar", SheetColumnKind.Number, true),
    ];

    public static SheetTable? Find(string kind) => kind switch
    {
        ImportKinds.Members => new SheetTable("Anggota", MemberColumns, [["A-001", "Siti Rahmawati", "siti@contoh.id", "+6281234567890", "15/01/2024"]]),
        ImportKinds.OpeningBalances => new SheetTable("Saldo Awal", OpeningBalanceColumns, [["A-001", "Siti Rahmawati", 100_000L, 1_200_000L, 2_500_000L]]),
        ImportKinds.Loans => new SheetTable("Pinjaman", LoanColumns, [["A-001", 10_000_000L, 12, "1,5", "flat", "15/03/2026", 4]]),
        _ => null,
    };
}
