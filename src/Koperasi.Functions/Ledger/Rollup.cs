using Azure.Data.Tables;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Per-member debit and credit totals per account for one business month or day, written in the posting's own
/// transaction. The trial balance sums these rollups; it never scans journal entries and no posting writes a
/// cooperative-wide counter row. A day's row also keeps, per savings account, the lowest point its running change
/// reached over the day's journals in sequence order (<c>Low_{account}</c>, at most 0): with it a backdated debit can
/// be checked against every later running balance a statement will show, without reading the journals.
/// </summary>
public static class Rollup
{
    public const string LowPrefix = "Low_";
    /// <summary>On a day row: the lowest journal sequence dated that day, where a statement's read of the journals starts.</summary>
    public const string FirstSequence = "FirstSequence";

    public static TableTransactionAction Add(string partition, string rowKey, TableEntity? existing, IReadOnlyList<JournalLine> lines)
    {
        var row = Working(partition, rowKey, existing);
        Apply(row, lines);
        return Write(row, existing);
    }

    /// <summary>A copy of the totals of <paramref name="existing"/> (or an empty row) to add journals to in memory.</summary>
    public static TableEntity Working(string partition, string rowKey, TableEntity? existing)
    {
        var row = new TableEntity(partition, rowKey);
        if (existing is not null)
        {
            foreach (var (key, value) in existing.Where(p => IsTotal(p.Key)))
            {
                row[key] = value;
            }
        }
        return row;
    }

    /// <summary>
    /// Adds one journal's lines; on a day row, lowers each savings account's low-water mark when the running change
    /// goes below it, and keeps the day's lowest journal <paramref name="sequence"/>.
    /// </summary>
    public static void Apply(TableEntity row, IReadOnlyList<JournalLine> lines, long? sequence = null)
    {
        var isDay = row.RowKey.StartsWith(LedgerKeys.DayPrefix, StringComparison.Ordinal);
        if (isDay && sequence is { } s && (row.GetInt64(FirstSequence) is not { } first || s < first))
        {
            row[FirstSequence] = s;
        }
        var lowBefore = isDay ? TransactionKinds.SavingsAccounts.ToDictionary(a => a, a => Low(row, a)) : null;
        foreach (var line in lines)
        {
            row[LedgerKeys.DebitColumn(line.Account)] = (row.GetInt64(LedgerKeys.DebitColumn(line.Account)) ?? 0) + line.Debit;
            row[LedgerKeys.CreditColumn(line.Account)] = (row.GetInt64(LedgerKeys.CreditColumn(line.Account)) ?? 0) + line.Credit;
        }
        if (lowBefore is null)
        {
            return;
        }
        foreach (var account in lines.Select(l => l.Account).Where(TransactionKinds.SavingsAccounts.Contains).Distinct())
        {
            row[LowPrefix + account] = Math.Min(lowBefore[account], Net(row, account));
        }
    }

    /// <summary>
    /// Insert when new; replace If-Match the ETag read; replace unconditionally when <paramref name="existing"/> is the
    /// copy on the balances row (<see cref="RollupHead"/>), which the balances row's If-Match in the same transaction guards.
    /// </summary>
    public static TableTransactionAction Write(TableEntity row, TableEntity? existing) => existing is null
        ? new TableTransactionAction(TableTransactionActionType.Add, row)
        : RollupHead.IsCopy(existing)
            ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag);

    /// <summary>The row's change to a credit-normal account (a savings account): credits minus debits.</summary>
    public static long Net(TableEntity row, string account) =>
        (row.GetInt64(LedgerKeys.CreditColumn(account)) ?? 0) - (row.GetInt64(LedgerKeys.DebitColumn(account)) ?? 0);

    /// <summary>
    /// The lowest running change of a savings account over the day (0 before the first journal). A row written before
    /// the column existed gives min(0, net): exact when the day's journals all moved one way.
    /// </summary>
    public static long Low(TableEntity row, string account) => row.GetInt64(LowPrefix + account) ?? Math.Min(0, Net(row, account));

    /// <summary>Adds a rollup row's totals into <paramref name="totals"/> (account → debit, credit).</summary>
    public static void AccumulateInto(TableEntity row, IDictionary<string, (long Debit, long Credit)> totals)
    {
        foreach (var (key, value) in row)
        {
            if (value is not long amount || key.Length < 4)
            {
                continue;
            }
            var account = key[3..];
            var current = totals.TryGetValue(account, out var t) ? t : (0, 0);
            if (key.StartsWith("Dr_", StringComparison.Ordinal))
            {
                totals[account] = (current.Debit + amount, current.Credit);
            }
            else if (key.StartsWith("Cr_", StringComparison.Ordinal))
            {
                totals[account] = (current.Debit, current.Credit + amount);
            }
        }
    }

    /// <summary>Whether the column is one of a rollup's totals (not a key, timestamp or ETag).</summary>
    public static bool IsTotal(string key) =>
        key.StartsWith("Dr_", StringComparison.Ordinal) || key.StartsWith("Cr_", StringComparison.Ordinal) || key.StartsWith(LowPrefix, StringComparison.Ordinal) ||
        key == FirstSequence;
}
