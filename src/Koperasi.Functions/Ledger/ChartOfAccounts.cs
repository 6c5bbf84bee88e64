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
