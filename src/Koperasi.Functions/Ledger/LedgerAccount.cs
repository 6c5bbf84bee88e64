namespace Koperasi.Functions.Ledger;

/// <summary>One account of the cooperative's chart of accounts (SAK EP classes).</summary>
public sealed record LedgerAccount(string Code, string Name, AccountClass Class)
{
    /// <summary>Assets and expenses grow with debits; equity, liabilities and income with credits.</summary>
    public bool IsDebitNormal => Class is AccountClass.Asset or AccountClass.Expense;
}
