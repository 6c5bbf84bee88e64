namespace Koperasi.Functions.Ledger;

/// <summary>One row of the trial balance; <see cref="Balance"/> is on the account's normal side.</summary>
public sealed record TrialBalanceAccount(string Code, string Name, string Class, long Debit, long Credit, long Balance);
