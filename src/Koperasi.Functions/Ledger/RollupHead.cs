using Azure.Data.Tables;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// A copy, on the member's balances row, of the day and month rollups of the member's latest business date
/// (<see cref="BalanceRow.LastBusinessDateColumn"/>), so that a posting dated that day or later reads one entity, the
/// balances row, instead of three. The copy is written in the same entity-group transaction as the rollups it copies,
/// and every writer of a rollup writes the balances row If-Match, so while the balances row's ETag holds the copy is
/// the rollup. A rollup of a later date than the latest cannot exist yet (rollups are written only with journals),
/// so it needs no read either; only a posting dated before the latest day (backdated) point-reads its rows.
/// Columns: <c>HeadDate</c>, the day row's totals prefixed <c>D_</c>, the month row's prefixed <c>M_</c>. A copy too wide
/// for one entity (the general journal's month over many accounts) is not kept: the next posting reads the rows.
/// </summary>
public static class RollupHead
{
    public const string DateColumn = "HeadDate";
    public const string DayPrefix = "D_";
    public const string MonthPrefix = "M_";
    /// <summary>Table Storage allows 252 properties besides the keys and timestamp; the balances row's own take about 15.</summary>
    private const int MaxCopiedColumns = 220;

    /// <summary>How a rollup row is known without reading it.</summary>
    public enum Known
    {
        /// <summary>Not known from the balances row: point-read it.</summary>
        Unknown,
        /// <summary>Known not to exist (dated after the member's latest journal).</summary>
        Absent,
        /// <summary>Copied on the balances row.</summary>
        Copied,
    }

    /// <summary>
    /// What the balances row says of the rollup row <paramref name="rowKey"/> (a day or month row): absent, copied
    /// (and the copy, without an ETag of its own: the balances row's If-Match guards it), or unknown.
    /// </summary>
    public static (Known How, TableEntity? Row) Resolve(TableEntity? balanceRow, string partition, string rowKey)
    {
        if (balanceRow is null)
        {
            // No balances row: no posting ever committed in the partition, so no rollup either.
            return (Known.Absent, null);
        }
        if (BalanceRow.LastBusinessDate(balanceRow) is not { } latest)
        {
            return (Known.Unknown, null);
        }
        var isDay = rowKey.StartsWith(LedgerKeys.DayPrefix, StringComparison.Ordinal);
        var head = balanceRow.GetString(DateColumn) is { } text ? LedgerKeys.ParseDate(text) : (DateOnly?)null;
        var (latestKey, headKey) = isDay
            ? (LedgerKeys.Day(latest), head is { } h ? LedgerKeys.Day(h) : null)
            : (LedgerKeys.Month(latest), head is { } m ? LedgerKeys.Month(m) : null);
        if (string.CompareOrdinal(rowKey, latestKey) > 0)
        {
            return (Known.Absent, null);
        }
        return rowKey == headKey ? (Known.Copied, Unpack(balanceRow, partition, rowKey, isDay ? DayPrefix : MonthPrefix)) : (Known.Unknown, null);
    }

    /// <summary>Writes the copy of <paramref name="day"/> and <paramref name="month"/> (the rollups of <paramref name="date"/>) onto the balances row being written, or no copy when either is unknown or too wide.</summary>
    public static void Pack(TableEntity balanceRow, DateOnly date, TableEntity? day, TableEntity? month)
    {
        if (day is null || month is null)
        {
            return;
        }
        var columns = Totals(day).Concat(Totals(month)).Count();
        if (columns > MaxCopiedColumns)
        {
            return;
        }
        balanceRow[DateColumn] = LedgerKeys.Date(date);
        foreach (var (key, value) in Totals(day))
        {
            balanceRow[DayPrefix + key] = value;
        }
        foreach (var (key, value) in Totals(month))
        {
            balanceRow[MonthPrefix + key] = value;
        }
    }

    /// <summary>Whether a rollup row came from the copy (it has no ETag of its own), so that it is written without If-Match.</summary>
    public static bool IsCopy(TableEntity row) => row.ETag == default;

    /// <summary>The day and month rows the balances row keeps a copy of (none when it keeps no copy), for the check.</summary>
    public static IReadOnlyList<string> CopiedKeys(TableEntity balanceRow) =>
        balanceRow.GetString(DateColumn) is { } text && LedgerKeys.ParseDate(text) is var date ? [LedgerKeys.Day(date), LedgerKeys.Month(date)] : [];

    /// <summary>The rollup row as copied on the balances row, for the check: null when the row keeps no copy of it.</summary>
    public static TableEntity? CopyOf(TableEntity balanceRow, string rowKey) =>
        Resolve(balanceRow, balanceRow.PartitionKey, rowKey) is (Known.Copied, var row) ? row : null;

    private static TableEntity Unpack(TableEntity balanceRow, string partition, string rowKey, string prefix)
    {
        var row = new TableEntity(partition, rowKey);
        foreach (var (key, value) in balanceRow.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            row[key[prefix.Length..]] = value;
        }
        return row;
    }

    private static IEnumerable<KeyValuePair<string, object>> Totals(TableEntity row) => row.Where(p => Rollup.IsTotal(p.Key));
}
