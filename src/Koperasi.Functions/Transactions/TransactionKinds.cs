namespace Koperasi.Functions.Transactions;

/// <summary>The codes a transaction may carry: the public kinds, the internal reversal, and the savings accounts.</summary>
public static class TransactionKinds
{
    public const string Deposit = "deposit";
    public const string Withdrawal = "withdrawal";

    /// <summary>Only produced inside the system (refunds, corrections); the public intake refuses it.</summary>
    public const string Reversal = "reversal";

    /// <summary>Only produced inside the system: a balance brought in from the books kept before (Imports/).</summary>
    public const string OpeningBalance = "opening_balance";

    public const string SimpananPokok = "simpanan_pokok";
    public const string SimpananWajib = "simpanan_wajib";
    public const string SimpananSukarela = "simpanan_sukarela";

    public static readonly IReadOnlyList<string> PublicKinds = [Deposit, Withdrawal];
    public static readonly IReadOnlyList<string> SavingsAccounts = [SimpananPokok, SimpananWajib, SimpananSukarela];
}
