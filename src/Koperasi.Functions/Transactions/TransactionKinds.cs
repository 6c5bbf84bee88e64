namespace Koperasi.Functions.Transactions;

/// <summary>The codes a transaction may carry: the public kinds, the internal ones, and the savings accounts.</summary>
public static class TransactionKinds
{
    public const string Deposit = "deposit";
    public const string Withdrawal = "withdrawal";

    /// <summary>A payment toward a loan (angsuran): names the loan (<c>loanId</c>), no savings account.</summary>
    public const string LoanRepayment = "loan_repayment";

    /// <summary>Only produced inside the system (refunds, corrections); the public intake refuses it.</summary>
    public const string Reversal = "reversal";

    /// <summary>Only produced by the loan lifecycle (<c>POST /api/loans/{id}/disburse</c>), posted at once, never queued.</summary>
    public const string LoanDisbursement = "loan_disbursement";

    /// <summary>Only produced by the loan lifecycle (<c>POST /api/loans/{id}/write-off</c>), posted at once, never queued.</summary>
    public const string LoanWriteOff = "loan_write_off";

    /// <summary>Only produced by the loans import: a running loan's principal left, brought in against ekuitas_saldo_awal, posted at once.</summary>
    public const string LoanOpening = "loan_opening";

    /// <summary>Only produced inside the system: a balance brought in from the books kept before (Imports/).</summary>
    public const string OpeningBalance = "opening_balance";

    /// <summary>Only produced by a member's exit (<c>POST /api/members/{id}/exit</c>), posted at once, never queued (Members/MemberExit).</summary>
    public const string MemberExit = "member_exit";

    /// <summary>Only produced by the general journal (<c>POST /api/journal-entries</c>, Books/): the cooperative's own entry, posted at once in <c>~umum</c>.</summary>
    public const string Journal = "journal";

    /// <summary>Only produced by the year close (<c>POST /api/years/{yyyy}/close</c>): income and expenses into <c>shu_tahun_berjalan</c>, dated 31 December.</summary>
    public const string YearClose = "year_close";

    /// <summary>Only produced by the SHU distribution (Books/ShuDistribution): a member's share, queued, source <c>shu</c>.</summary>
    public const string ShuDistribution = "shu_distribution";

    public const string SimpananPokok = "simpanan_pokok";
    public const string SimpananWajib = "simpanan_wajib";
    public const string SimpananSukarela = "simpanan_sukarela";

    public static readonly IReadOnlyList<string> PublicKinds = [Deposit, Withdrawal, LoanRepayment];
    public static readonly IReadOnlyList<string> SavingsAccounts = [SimpananPokok, SimpananWajib, SimpananSukarela];

    /// <summary>Kinds that move a loan's money: the loan rules decide them, with the loan's row (<see cref="Loans.LoanRules"/>).</summary>
    public static bool IsLoanKind(string kind) => kind is LoanRepayment or LoanDisbursement or LoanWriteOff or LoanOpening;

    /// <summary>Kinds the lifecycle posts itself and answers at once: a refusal is an answer, not a stored rejection.</summary>
    public static bool IsLifecycleKind(string kind) => kind is LoanDisbursement or LoanWriteOff or LoanOpening or MemberExit;

    /// <summary>Kinds of the cooperative's general journal: their lines travel in the message (Books/).</summary>
    public static bool IsBooksKind(string kind) => kind is Journal or YearClose;
}
