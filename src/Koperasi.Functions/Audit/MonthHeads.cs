using System.Globalization;
using Azure.Data.Tables;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The <c>head|{yyyy-MM}</c> rows of a ledger partition: the member's chain head when the month was closed for the
/// member, written in the same entity-group transaction as the close, so a later statement of the month (a
/// redelivery, a resend) prints the same digest whatever was posted since.
/// </summary>
public static class MonthHeads
{
    public const string RowPrefix = "head|";
    public const string SequenceColumn = "Sequence";
    public const string HashColumn = "Hash";

    public static string RowKey(DateOnly month) => RowPrefix + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The head of a partition as its balances row carries it (no row yet: sequence 0, genesis).</summary>
    public static MonthHead Current(TableEntity? balanceRow) =>
        new(balanceRow?.GetInt64(Ledger.BalanceRow.Sequence) ?? 0, JournalChain.HeadOf(balanceRow));

    public static TableEntity Row(string partition, DateOnly month, MonthHead head) => new(partition, RowKey(month))
    {
        [SequenceColumn] = head.Sequence,
        [HashColumn] = head.Hash,
    };

    public static MonthHead Read(TableEntity row) => new(row.GetInt64(SequenceColumn) ?? 0, row.GetString(HashColumn) ?? JournalChain.Genesis);
}
