using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Statements;

/// <summary>The Bahasa Indonesia words both renderings share.</summary>
internal static class StatementWords
{
    public const string Title = "Laporan Simpanan";

    /// <summary>The statement's title: it names loans too when it has a loans section.</summary>
    public static string TitleOf(MemberStatement s) => s.Loans.Count > 0 ? "Laporan Simpanan dan Pinjaman" : Title;

    public static string Subject(MemberStatement s) => $"{TitleOf(s)} {s.PeriodName} - {s.CooperativeName}";

    public static string KindLabel(string kind) => kind switch
    {
        TransactionKinds.Deposit => "Setoran",
        TransactionKinds.Withdrawal => "Penarikan",
        TransactionKinds.Reversal => "Pembatalan",
        TransactionKinds.LoanRepayment => "Angsuran pinjaman",
        TransactionKinds.MemberExit => "Keluar anggota",
        TransactionKinds.ShuDistribution => "SHU",
        _ => kind,
    };

    public static string LoanStatusLabel(LoanStatus status) => status switch
    {
        LoanStatus.Active => "Aktif",
        LoanStatus.Closed => "Lunas",
        LoanStatus.WrittenOff => "Dihapusbukukan",
        _ => LoanKeys.StatusName(status),
    };

    /// <summary>"Pinjaman Umum (No. L-1)".</summary>
    public static string LoanTitle(StatementLoan loan) => $"{loan.ProductName} (No. {loan.LoanId})";

    /// <summary>"Pokok Rp10.000.000, cair 10 Jun 2026, aktif".</summary>
    public static string LoanLine(StatementLoan loan) =>
        $"Pinjaman {Rupiah.Format(loan.Principal)}, cair {StatementPeriod.FormatDate(loan.DisbursedOn)}, {LoanStatusLabel(loan.Status).ToLowerInvariant()}";

    /// <summary>"Angsuran ke-5".</summary>
    public static string InstallmentName(StatementNextInstallment next) => $"Angsuran ke-{next.Number}";

    /// <summary>"12 hari sejak 10 Okt 2026".</summary>
    public static string DaysPastDue(StatementLoanArrears arrears) =>
        arrears.OldestDueDate is { } due ? $"{arrears.DaysPastDue} hari sejak {StatementPeriod.FormatDate(due)}" : $"{arrears.DaysPastDue} hari";

    public static string MonthEnd(MemberStatement s) => StatementPeriod.FormatLongDate(LedgerKeys.ParseDate(s.To));

    /// <summary>What a movement says: its reference, else its description, else its kind.</summary>
    public static string Label(StatementMovement m) =>
        !string.IsNullOrWhiteSpace(m.Reference) ? m.Reference! : !string.IsNullOrWhiteSpace(m.Description) ? m.Description! : KindLabel(m.Kind);

    public static string ZoneLabel(string timeZone) => timeZone switch
    {
        "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
        "Asia/Makassar" => "WITA",
        "Asia/Jayapura" => "WIT",
        _ => timeZone,
    };

    public static string PeriodRange(MemberStatement s) =>
        $"{StatementPeriod.FormatLongDate(LedgerKeys.ParseDate(s.From))} - {StatementPeriod.FormatLongDate(LedgerKeys.ParseDate(s.To))}";

    public static string ShortDate(string isoDate) => StatementPeriod.FormatDate(LedgerKeys.ParseDate(isoDate));

    public static string Signed(long change) => change > 0 ? "+" + Rupiah.Format(change) : Rupiah.Format(change);

    public static string LateNote(MemberStatement s) =>
        $"* Transaksi terlambat: terjadi pada tanggal yang tertera, dibukukan pada {StatementPeriod.FormatLongDate(LedgerKeys.ParseDate(s.From))} karena bulan sebelumnya sudah ditutup.";

    /// <summary>The chain digest line: what a member can compare with the cooperative's published monthly root (docs/audit.md).</summary>
    public static string ChainLine(Audit.MonthHead head) =>
        $"Sidik buku per akhir bulan: {head.Digest} (jurnal ke-{head.Sequence}). Kode ini ikut dalam akar bulanan koperasi; pengawas dapat mencocokkannya.";

    public const string Footer = "Laporan ini dibuat otomatis dari buku besar koperasi. Jika ada yang tidak sesuai, hubungi bendahara koperasi Anda.";
}
