namespace Koperasi.Functions.Ledger;

/// <summary>Each account's debit and credit totals up to a date, and the proof that they balance.</summary>
public sealed record TrialBalance(string AsOf, IReadOnlyList<TrialBalanceAccount> Accounts, long TotalDebit, long TotalCredit)
{
    public bool Balanced => TotalDebit == TotalCredit;
}
