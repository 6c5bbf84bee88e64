using System.Globalization;
using Azure.Data.Tables;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// What the reports read from the cooperative's general journal, the ledger holder <see cref="LedgerKeys.GeneralJournal"/>:
/// the closing journal of a year (two point reads: its marker, then its journal) and the partition's own rollups over a
/// period (one contiguous RowKey range per query), which are the non-member business.
/// </summary>
public sealed class GeneralJournalReads(StorageAccount storage)
{
    /// <summary>The year close's fixed transaction id (issue 12, point 4): one closing journal per year, dated 31 December.</summary>
    public static string YearCloseId(int year) => "tutup-buku-" + year.ToString("D4", CultureInfo.InvariantCulture);

    public const string YearCloseKind = "year_close";

    /// <summary>The lines of the year's closing journal, or none while the year is open.</summary>
    public async Task<IReadOnlyList<JournalLine>> YearCloseAsync(string cooperativeId, int year, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, LedgerKeys.GeneralJournal);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Marker(YearCloseId(year)), cancellationToken: cancellationToken);
        if (!marker.HasValue || marker.Value is not { } row || row.GetString(PostingMarker.Status) != Transactions.TransactionStatus.Posted ||
            row.GetString("Kind") != YearCloseKind || row.GetInt64("Sequence") is not { } sequence)
        {
            return [];
        }
        var journal = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Journal(sequence), cancellationToken: cancellationToken);
        return journal.HasValue && journal.Value is not null ? JournalEntry.Read(journal.Value).Lines : [];
    }

    /// <summary>
    /// The general journal's debit and credit totals per account for business dates in [from, to]: the day rows of a
    /// partial first month, the month rows of the whole months, the day rows of a partial last month.
    /// </summary>
    public async Task<AccountTotals> TotalsAsync(string cooperativeId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, LedgerKeys.GeneralJournal).Replace("'", "''", StringComparison.Ordinal);
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastWhole = to.AddDays(1).Day == 1 ? new DateOnly(to.Year, to.Month, 1) : new DateOnly(to.Year, to.Month, 1).AddMonths(-1);
        var ranges = new List<(string From, string To)>();
        if (firstWhole > lastWhole)
        {
            ranges.Add((LedgerKeys.Day(from), LedgerKeys.Day(to)));
        }
        else
        {
            if (from < firstWhole)
            {
                ranges.Add((LedgerKeys.Day(from), LedgerKeys.Day(firstWhole.AddDays(-1))));
            }
            ranges.Add((LedgerKeys.Month(firstWhole), LedgerKeys.Month(lastWhole)));
            var afterWhole = lastWhole.AddMonths(1);
            if (afterWhole <= to)
            {
                ranges.Add((LedgerKeys.Day(afterWhole), LedgerKeys.Day(to)));
            }
        }
        var totals = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        foreach (var (first, last) in ranges)
        {
            var filter = $"PartitionKey eq '{partition}' and RowKey ge '{first}' and RowKey le '{last}'";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                Rollup.AccumulateInto(row, totals);
            }
        }
        return AccountTotals.Of(totals);
    }
}
