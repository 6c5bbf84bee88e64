using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books;

/// <summary>
/// A cooperative's chart as one lookup: the built-in accounts (<see cref="ChartOfAccounts.Standard"/>, with the names
/// and parents the cooperative gave them) and its own accounts. A Standard Webhooks provider's clearing account is
/// built in whether listed or not.
/// </summary>
public sealed class CooperativeChart(IReadOnlyDictionary<string, ChartAccount> accounts)
{
    public IEnumerable<ChartAccount> Accounts => accounts.Values;

    public ChartAccount? Find(string code) => accounts.TryGetValue(code, out var account)
        ? account
        : code.StartsWith(ChartOfAccounts.StandardClearingPrefix, StringComparison.Ordinal) && ChartOfAccounts.IsStandardProviderName(code[ChartOfAccounts.StandardClearingPrefix.Length..])
            ? Builtin(ChartOfAccounts.Find(code))
            : null;

    /// <summary>The account a posted line names, for the trial balance and the reports (every posted code is in the chart).</summary>
    public LedgerAccount Account(string code) => Find(code)?.ToLedgerAccount() ?? ChartOfAccounts.Find(code);

    public bool IsBuiltIn(string code) => Find(code) is { BuiltIn: true };

    public IEnumerable<ChartAccount> ChildrenOf(string code) => accounts.Values.Where(a => a.Parent == code);

    /// <summary>Whether making <paramref name="parent"/> the parent of <paramref name="code"/> would close a loop.</summary>
    public bool WouldCycle(string code, string parent)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var at = parent; at is not null && seen.Add(at); at = Find(at)?.Parent)
        {
            if (at == code)
            {
                return true;
            }
        }
        return false;
    }

    public static ChartAccount Builtin(LedgerAccount account) => new(account.Code, account.Name, account.Class, null, BuiltIn: true);

    /// <summary>The starter chart with no changes: what a cooperative has before it names anything.</summary>
    public static Dictionary<string, ChartAccount> Starter() =>
        ChartOfAccounts.Standard.ToDictionary(a => a.Code, Builtin, StringComparer.Ordinal);
}
