using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Debit and credit totals per account code, as a trial balance gives them or as the difference of two: a period's
/// movements are TB(to) − TB(from − 1 day). Immutable; every operation answers a new set.
/// </summary>
public sealed class AccountTotals
{
    public static readonly AccountTotals Empty = new(new Dictionary<string, (long, long)>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, (long Debit, long Credit)> totals;

    private AccountTotals(IReadOnlyDictionary<string, (long Debit, long Credit)> totals) => this.totals = totals;

    public IEnumerable<string> Codes => totals.Keys;

    public static AccountTotals Of(TrialBalance trial) =>
        new(trial.Accounts.ToDictionary(a => a.Code, a => (a.Debit, a.Credit), StringComparer.Ordinal));

    public static AccountTotals Of(IReadOnlyDictionary<string, (long Debit, long Credit)> totals) =>
        new(new Dictionary<string, (long, long)>(totals, StringComparer.Ordinal));

    public long Debit(string code) => totals.TryGetValue(code, out var t) ? t.Debit : 0;

    public long Credit(string code) => totals.TryGetValue(code, out var t) ? t.Credit : 0;

    /// <summary>The account's balance on its normal side (a contra asset with a credit balance is negative).</summary>
    public long Balance(LedgerAccount account) =>
        account.IsDebitNormal ? Debit(account.Code) - Credit(account.Code) : Credit(account.Code) - Debit(account.Code);

    public AccountTotals Minus(AccountTotals other)
    {
        var result = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        foreach (var code in Codes.Union(other.Codes, StringComparer.Ordinal))
        {
            result[code] = (Debit(code) - other.Debit(code), Credit(code) - other.Credit(code));
        }
        return new(result);
    }

    /// <summary>These totals without a journal's lines (a year's closing entry, added back).</summary>
    public AccountTotals Without(IEnumerable<JournalLine> lines)
    {
        var result = totals.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var current = result.TryGetValue(line.Account, out var t) ? t : (0, 0);
            result[line.Account] = (current.Debit - line.Debit, current.Credit - line.Credit);
        }
        return new(result);
    }
}
