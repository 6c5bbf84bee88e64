using Azure.Data.Tables;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Per-member debit and credit totals per account for one business month or day, written in the posting's own
/// transaction. The trial balance sums these rollups; it never scans journal entries and no posting writes a
/// cooperative-wide counter row.
/// </summary>
public static class Rollup
{
    public static TableTransactionAction Add(string partition, string rowKey, TableEntity? existing, IReadOnlyList<JournalLine> lines)
    {
        var row = new TableEntity(partition, rowKey);
        if (existing is not null)
        {
            foreach (var (key, value) in existing.Where(p => p.Key.StartsWith("Dr_", StringComparison.Ordinal) || p.Key.StartsWith("Cr_", StringComparison.Ordinal)))
            {
                row[key] = value;
            }
        }
        foreach (var line in lines)
        {
            row[LedgerKeys.DebitColumn(line.Account)] = (row.GetInt64(LedgerKeys.DebitColumn(line.Account)) ?? 0) + line.Debit;
            row[LedgerKeys.CreditColumn(line.Account)] = (row.GetInt64(LedgerKeys.CreditColumn(line.Account)) ?? 0) + line.Credit;
        }
        return existing is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag);
    }

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
}
