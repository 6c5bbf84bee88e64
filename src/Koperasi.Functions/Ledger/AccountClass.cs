namespace Koperasi.Functions.Ledger;

public enum AccountClass
{
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}
