using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// The general journal's listing rows in the <c>~umum</c> ledger partition, <c>gj|{businessDate}|{sequence}</c>: one
/// per entry, written in the entry's own entity-group transaction, so a date range is one contiguous RowKey range
/// and a listing never reads the journals. A reversal marks its original's row with <c>ReversedBy</c> in the same transaction.
/// </summary>
public static class GeneralJournalRows
{
    public const string Prefix = "gj|";

    public static string Key(DateOnly businessDate, long sequence) =>
        $"{Prefix}{LedgerKeys.Date(businessDate)}|{sequence.ToString("D10", CultureInfo.InvariantCulture)}";

    /// <summary>[From, To) of the rows with business dates in [from, to].</summary>
    public static (string From, string To) Range(DateOnly from, DateOnly to) => ($"{Prefix}{LedgerKeys.Date(from)}|", $"{Prefix}{LedgerKeys.Date(to)}|~");

    /// <summary>How many rows an entry adds to its transaction: its own, and its original's when it is a reversal.</summary>
    public static int Count(TransactionMessage m) => m.Reverses is null ? 1 : 2;

    public static IEnumerable<TableTransactionAction> Actions(string partition, TransactionMessage m, DateOnly businessDate, long sequence, TableEntity? original, DateTimeOffset now)
    {
        yield return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, Key(businessDate, sequence))
        {
            ["Id"] = m.Id,
            ["Kind"] = m.Kind,
            ["OccurredAt"] = m.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            ["BusinessDate"] = LedgerKeys.Date(businessDate),
            ["Description"] = m.Description,
            ["Lines"] = JsonSerializer.Serialize(m.Lines ?? []),
            ["Reverses"] = m.Reverses,
            ["PostedAt"] = now,
        });
        if (m.Reverses is not null && original is not null && KeyOf(original) is { } key)
        {
            // The journal rules refuse a second reversal (the original's marker is written If-Match), so this merge is once.
            yield return new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, key) { ["ReversedBy"] = m.Id }, ETag.All);
        }
    }

    /// <summary>The listing row of a posted entry, from its marker (business date and sequence); null for a marker that posted nothing.</summary>
    public static string? KeyOf(TableEntity marker) =>
        marker.GetString(PostingMarker.Status) == TransactionStatus.Posted && marker.GetInt64("Sequence") is { } sequence
            ? Key(LedgerKeys.ParseDate(marker.GetString("BusinessDate")), sequence)
            : null;

    public static PostedJournalEntry Read(TableEntity row) => new(
        row.GetString("Id"),
        row.GetString("Kind"),
        DateTimeOffset.Parse(row.GetString("OccurredAt"), CultureInfo.InvariantCulture),
        row.GetString("BusinessDate"),
        row.GetString("Description") ?? "",
        JsonSerializer.Deserialize<List<JournalLine>>(row.GetString("Lines")) ?? [],
        row.GetString("Reverses"),
        row.GetString("ReversedBy"));
}
