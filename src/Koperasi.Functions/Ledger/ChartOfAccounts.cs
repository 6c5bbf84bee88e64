using System.Text.RegularExpressions;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The chart of accounts every cooperative starts with. Member savings are equity (pokok, wajib) or a liability
/// (sukarela); cash and each payment provider's clearing account are assets. Loans add the member's
/// <c>piutang_pinjaman</c> (asset: the principal the member still owes), the income a loan brings (jasa, denda, the
/// administration fee, recoveries after a write-off) and the expense of writing one off (docs/loans.md).
/// </summary>
public static partial class ChartOfAccounts
{
    public const string Kas = "kas";
    public const string KliringMidtrans = "kliring_midtrans";
    public const string KliringXendit = "kliring_xendit";
    public const string StandardClearingPrefix = "kliring_std_";
    /// <summary>Provider money that names no member we have: booked, never dropped, and shown to the treasurer.</summary>
    public const string DanaTitipan = "dana_titipan";
    /// <summary>The part of a provider's refund the member's savings could no longer cover: the treasurer settles it with the member.</summary>
    public const string PiutangSelisihRefund = "piutang_selisih_refund";
    /// <summary>Loans to members: the principal disbursed and not yet repaid or written off (a member account, like savings).</summary>
    public const string PiutangPinjaman = "piutang_pinjaman";
    public const string PendapatanJasaPinjaman = "pendapatan_jasa_pinjaman";
    public const string PendapatanDenda = "pendapatan_denda";
    public const string PendapatanAdministrasi = "pendapatan_administrasi";
    /// <summary>Money received on a loan after it was written off.</summary>
    public const string PendapatanPemulihanPiutang = "pendapatan_pemulihan_piutang";
    public const string BebanPenghapusanPiutang = "beban_penghapusan_piutang";
    /// <summary>The contra account of imported opening balances (saldo awal): the books kept before the move, in one figure.</summary>
    public const string EkuitasSaldoAwal = "ekuitas_saldo_awal";

    // The starter chart of a KSP (DOMAIN.md, "Reports under SAK EP"): what the books (issue 12) post to besides the
    // members' accounts. Every cooperative has these from its first day; its own accounts come on top.
    public const string Bank = "bank";
    /// <summary>Allowance for loan losses: a contra asset (credit balance), shown under piutang pinjaman.</summary>
    public const string CadanganKerugianPiutang = "cadangan_kerugian_piutang";
    public const string DanaPengurus = "dana_pengurus";
    public const string DanaKaryawan = "dana_karyawan";
    public const string DanaPendidikan = "dana_pendidikan";
    public const string DanaSosial = "dana_sosial";
    public const string DanaPembangunanDaerahKerja = "dana_pembangunan_daerah_kerja";
    /// <summary>Members' SHU shares decided and not yet paid or credited to their savings.</summary>
    public const string ShuBagianAnggota = "shu_bagian_anggota";
    public const string Cadangan = "cadangan";
    /// <summary>The year's result: income and expense accounts are closed into it at year end, and the SHU is distributed from it.</summary>
    public const string ShuTahunBerjalan = "shu_tahun_berjalan";
    public const string PendapatanLain = "pendapatan_lain";
    public const string BebanGaji = "beban_gaji";
    public const string BebanListrikAir = "beban_listrik_air";
    public const string BebanAlatTulis = "beban_alat_tulis";
    public const string BebanSewa = "beban_sewa";
    public const string BebanTransportasi = "beban_transportasi";
    public const string BebanRapatAnggota = "beban_rapat_anggota";
    public const string BebanOperasionalLain = "beban_operasional_lain";

    private static readonly Dictionary<string, LedgerAccount> Fixed = new[]
    {
        new LedgerAccount(Kas, "Kas", AccountClass.Asset),
        new LedgerAccount(KliringMidtrans, "Kliring Midtrans", AccountClass.Asset),
        new LedgerAccount(KliringXendit, "Kliring Xendit", AccountClass.Asset),
        new LedgerAccount(PiutangSelisihRefund, "Piutang Selisih Refund", AccountClass.Asset),
        new LedgerAccount(PiutangPinjaman, "Piutang Pinjaman Anggota", AccountClass.Asset),
        new LedgerAccount(PendapatanJasaPinjaman, "Pendapatan Jasa Pinjaman", AccountClass.Income),
        new LedgerAccount(PendapatanDenda, "Pendapatan Denda", AccountClass.Income),
        new LedgerAccount(PendapatanAdministrasi, "Pendapatan Administrasi", AccountClass.Income),
        new LedgerAccount(PendapatanPemulihanPiutang, "Pendapatan Pemulihan Piutang Dihapus", AccountClass.Income),
        new LedgerAccount(BebanPenghapusanPiutang, "Beban Penghapusan Piutang", AccountClass.Expense),
        new LedgerAccount(DanaTitipan, "Dana Titipan Belum Teridentifikasi", AccountClass.Liability),
        new LedgerAccount(TransactionKinds.SimpananPokok, "Simpanan Pokok", AccountClass.Equity),
        new LedgerAccount(TransactionKinds.SimpananWajib, "Simpanan Wajib", AccountClass.Equity),
        new LedgerAccount(TransactionKinds.SimpananSukarela, "Simpanan Sukarela", AccountClass.Liability),
        new LedgerAccount(EkuitasSaldoAwal, "Ekuitas Saldo Awal", AccountClass.Equity),
        new LedgerAccount(Bank, "Bank", AccountClass.Asset),
        new LedgerAccount(CadanganKerugianPiutang, "Cadangan Kerugian Piutang", AccountClass.Asset),
        new LedgerAccount(DanaPengurus, "Dana Pengurus", AccountClass.Liability),
        new LedgerAccount(DanaKaryawan, "Dana Karyawan", AccountClass.Liability),
        new LedgerAccount(DanaPendidikan, "Dana Pendidikan", AccountClass.Liability),
        new LedgerAccount(DanaSosial, "Dana Sosial", AccountClass.Liability),
        new LedgerAccount(DanaPembangunanDaerahKerja, "Dana Pembangunan Daerah Kerja", AccountClass.Liability),
        new LedgerAccount(ShuBagianAnggota, "SHU Bagian Anggota", AccountClass.Liability),
        new LedgerAccount(Cadangan, "Cadangan", AccountClass.Equity),
        new LedgerAccount(ShuTahunBerjalan, "SHU Tahun Berjalan", AccountClass.Equity),
        new LedgerAccount(PendapatanLain, "Pendapatan Lain-lain", AccountClass.Income),
        new LedgerAccount(BebanGaji, "Beban Gaji dan Honor", AccountClass.Expense),
        new LedgerAccount(BebanListrikAir, "Beban Listrik, Air dan Telepon", AccountClass.Expense),
        new LedgerAccount(BebanAlatTulis, "Beban Alat Tulis Kantor", AccountClass.Expense),
        new LedgerAccount(BebanSewa, "Beban Sewa", AccountClass.Expense),
        new LedgerAccount(BebanTransportasi, "Beban Transportasi", AccountClass.Expense),
        new LedgerAccount(BebanRapatAnggota, "Beban Rapat Anggota", AccountClass.Expense),
        new LedgerAccount(BebanOperasionalLain, "Beban Operasional Lain-lain", AccountClass.Expense),
    }.ToDictionary(a => a.Code);

    public static IReadOnlyCollection<LedgerAccount> Standard => Fixed.Values;

    public static LedgerAccount Find(string code) => Fixed.TryGetValue(code, out var account)
        ? account
        : code.StartsWith(StandardClearingPrefix, StringComparison.Ordinal)
            ? new LedgerAccount(code, "Kliring " + code[StandardClearingPrefix.Length..], AccountClass.Asset)
            : throw new ArgumentException($"Unknown account '{code}'.", nameof(code));

    public const string StandardSourcePrefix = "standard:";

    /// <summary>The contra account a posting uses, chosen by the message's source; false for a source we do not know.</summary>
    public static bool TryContraAccountFor(string? source, out string account)
    {
        account = source switch
        {
            TransactionMessage.ApiSource => Kas,
            "midtrans" => KliringMidtrans,
            "xendit" => KliringXendit,
            _ when source is not null && source.StartsWith(StandardSourcePrefix, StringComparison.Ordinal) && IsStandardProviderName(source[StandardSourcePrefix.Length..])
                => StandardClearingPrefix + source[StandardSourcePrefix.Length..],
            _ => "",
        };
        return account.Length > 0;
    }

    /// <summary>The rule for a Standard Webhooks provider's name, which becomes part of its clearing account's code.</summary>
    public static bool IsStandardProviderName(string? name) => name is not null && StandardName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex StandardName();
}
