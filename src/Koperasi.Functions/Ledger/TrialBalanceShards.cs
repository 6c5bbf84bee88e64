using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The cooperative's trial balance kept as cumulative rows, without a hot partition: each holder (a member,
/// <c>~titipan</c>, <c>~umum</c>) belongs to one of <see cref="Count"/> shards (<c>{cooperativeId}|tb|{s}</c>, by a
/// stable hash of its id), and a shard holds one row per business date with activity, <c>c|{inverted date}</c>, whose
/// <c>Dr_</c>/<c>Cr_</c> columns are the totals of every journal of the shard's holders dated on or before it. The
/// trial balance at a date is, per shard, the first row of one RowKey range (<c>$top=1</c>): 16 entities whatever the
/// number of members and years. After a holder's transaction commits, the posting folds its journals into the shard
/// (<see cref="FoldAsync"/>): the newest row carries, per holder, the last journal sequence folded (<see cref="Folded"/>),
/// so a fold is idempotent, a redelivery or the holder's next posting folds what a crash left out, and a concurrent
/// fold fails its If-Match and reads again. A journal dated before the shard's newest row also changes every later row
/// (a backdated posting): bounded by the open period, since a posting into a closed month is booked in the open one.
/// </summary>
public static class TrialBalanceShards
{
    public const int Count = 16;
    public const string RowPrefix = "c|";
    /// <summary>Just past every cumulative row.</summary>
    public const string RowsEnd = "c}";
    /// <summary>On the shard's newest row: JSON of holder id → last journal sequence folded.</summary>
    public const string Folded = "Folded";
    public const string DateColumn = "Date";

    public static string Partition(string cooperativeId, int shard) => $"{cooperativeId}|tb|{shard.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>FNV-1a of the holder id: stable across processes and versions (string.GetHashCode is not).</summary>
    public static int ShardOf(string holderId)
    {
        var hash = 2166136261u;
        foreach (var c in holderId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Count);
    }

    /// <summary>Newest first: a later date has a smaller key.</summary>
    public static string Key(DateOnly date) =>
        RowPrefix + (99_999_999 - (date.Year * 10_000 + date.Month * 100 + date.Day)).ToString("D8", CultureInfo.InvariantCulture);

    public static DateOnly DateOf(TableEntity row) => LedgerKeys.ParseDate(row.GetString(DateColumn));

    /// <summary>Each account's debit and credit totals over every journal dated on or before <paramref name="asOf"/>: one entity per shard.</summary>
    public static async Task<Dictionary<string, (long Debit, long Credit)>> TotalsAsync(TableClient table, string cooperativeId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(Enumerable.Range(0, Count).Select(s => FirstAsync(table, Partition(cooperativeId, s), Key(asOf), cancellationToken)));
        var totals = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        foreach (var row in rows.OfType<TableEntity>())
        {
            Rollup.AccumulateInto(row, totals);
        }
        return totals;
    }

    /// <summary>
    /// Folds the holder's journals up to <paramref name="holderSequence"/> into its shard: those in
    /// <paramref name="known"/> (just written by the posting) and, point-read from the holder's partition, any earlier
    /// one a crash left unfolded.
    /// </summary>
    public static Task FoldAsync(TableClient table, ConcurrencyRetry retry, ShardHeads heads, string cooperativeId, string holderId, long holderSequence,
        IReadOnlyList<JournalEntry> known, CancellationToken cancellationToken) =>
        holderSequence <= 0
            ? Task.CompletedTask
            : FoldAsync(table, retry, heads, cooperativeId, Partition(cooperativeId, ShardOf(holderId)), [new HolderFold(holderId, holderSequence, known)], cancellationToken);

    /// <summary>
    /// Folds several holders of one shard (<paramref name="partition"/>) in one entity-group transaction when nothing is
    /// backdated and <paramref name="heads"/> has the shard's newest row; else one RowKey range of one entity before it.
    /// A conflict (409/412) forgets the cached row before the retry, which then reads the shard.
    /// </summary>
    public static async Task FoldAsync(TableClient table, ConcurrencyRetry retry, ShardHeads heads, string cooperativeId, string partition,
        IReadOnlyList<HolderFold> holders, CancellationToken cancellationToken)
    {
        var merged = holders.Where(h => h.Sequence > 0).GroupBy(h => h.HolderId, StringComparer.Ordinal)
            .Select(g => new HolderFold(g.Key, g.Max(h => h.Sequence), g.SelectMany(h => h.Known).DistinctBy(j => j.Sequence).ToList()))
            .ToList();
        if (merged.Count == 0)
        {
            return;
        }
        await retry.ExecuteAsync(async ct =>
        {
            try
            {
                await FoldOnceAsync(table, heads, partition, cooperativeId, merged, ct);
                return true;
            }
            catch (RequestFailedException e) when (ConcurrencyRetry.IsConcurrencyConflict(e))
            {
                heads.Forget(partition);
                throw;
            }
        }, cancellationToken);
    }

    private static async Task FoldOnceAsync(TableClient table, ShardHeads heads, string partition, string cooperativeId, IReadOnlyList<HolderFold> holders,
        CancellationToken cancellationToken)
    {
        var newest = heads.Find(partition);
        var folded = FoldedOf(newest);
        // A cached watermark that leaves journals before the known ones unfolded is a crash or another instance's fold:
        // one read of the shard tells which, cheaper than point reads of those journals and a failed transaction.
        if (newest is null || holders.Any(h => !Covers(folded.GetValueOrDefault(h.HolderId), h.Sequence, h.Known)))
        {
            newest = await FirstAsync(table, partition, RowPrefix, cancellationToken);
            folded = FoldedOf(newest);
        }
        var behind = holders.Where(h => folded.GetValueOrDefault(h.HolderId) < h.Sequence).ToList();
        if (behind.Count == 0)
        {
            return;
        }
        var journals = (await Task.WhenAll(behind.Select(h => JournalsAsync(table, LedgerKeys.MemberPartition(cooperativeId, h.HolderId),
            folded.GetValueOrDefault(h.HolderId), h.Sequence, h.Known, cancellationToken)))).SelectMany(j => j).ToList();
        var earliest = journals.Min(j => j.BusinessDate);
        var existing = new List<TableEntity>();
        TableEntity? before = null;
        if (newest is not null && DateOf(newest) < earliest)
        {
            before = newest;
        }
        else if (newest is not null && DateOf(newest) == earliest)
        {
            existing.Add(newest);
        }
        else if (newest is not null)
        {
            // Backdated: every row from the earliest journal's date on changes, and the row before it is the base of a new one.
            var filter = $"PartitionKey eq '{Quote(partition)}' and RowKey ge '{RowPrefix}' and RowKey le '{Key(earliest)}'";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                existing.Add(row);
            }
            if (existing.Count == 0 || existing[0].RowKey != newest.RowKey || existing[0].ETag != newest.ETag)
            {
                // Another fold committed between the two reads (or since the cached row): its watermarks are not in ours,
                // so start again; the 412 forgets the cached row.
                throw new RequestFailedException(412, "The shard's newest row changed while it was read.");
            }
            if (existing.All(r => DateOf(r) != earliest))
            {
                before = await FirstAsync(table, partition, Key(earliest.AddDays(-1)), cancellationToken);
            }
        }
        foreach (var h in behind)
        {
            folded[h.HolderId] = h.Sequence;
        }
        var rows = Plan(partition, existing, before, journals, folded);
        var actions = rows.Select(r => existing.Find(e => e.RowKey == r.RowKey) is { } old
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, old.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, r)).ToList();
        if (newest is null)
        {
            // The shard's first fold also inserts its origin (no totals): two first folds of other dates then conflict on it.
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(partition, Key(DateOnly.MinValue)) { [DateColumn] = LedgerKeys.Date(DateOnly.MinValue) }));
        }
        else if (rows.All(r => r.RowKey != newest.RowKey))
        {
            // No longer the newest: it gives up the watermarks, and its If-Match makes a concurrent fold read again.
            var stripped = Copy(newest, partition);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, stripped, newest.ETag));
        }
        if (actions.Count > PostingPass.MaxEntities)
        {
            throw new InvalidOperationException(
                $"Folding {string.Join(", ", behind.Select(h => h.HolderId))}'s journals from {LedgerKeys.Date(earliest)} changes {actions.Count} trial-balance rows, more than one transaction holds; close the months before it (statements) first.");
        }
        var response = await table.SubmitTransactionAsync(actions, cancellationToken);
        // The shard's newest row is now the plan's last (the one carrying the watermarks), with the ETag the batch answered for it.
        var head = rows[^1];
        if (response.Value[rows.Count - 1].Headers.ETag is { } etag)
        {
            head.ETag = etag;
            heads.Remember(head);
        }
        else
        {
            heads.Forget(partition);
        }
    }

    /// <summary>Whether <paramref name="known"/> holds every journal after the watermark <paramref name="from"/> through <paramref name="through"/>.</summary>
    private static bool Covers(long from, long through, IReadOnlyList<JournalEntry> known) =>
        from >= through || known.Select(j => j.Sequence).Where(s => s > from && s <= through).Distinct().Count() == through - from;

    /// <summary>
    /// The cumulative rows after adding <paramref name="journals"/>: one per date of <paramref name="existing"/> (rows
    /// dated on or after the earliest journal) and of the journals, each the row at or before it (else
    /// <paramref name="before"/>, the newest row before the earliest journal) plus the journals dated on or before it.
    /// The newest carries <paramref name="folded"/>. Pure: the bench's seeder builds a shard's rows with it too.
    /// </summary>
    public static IReadOnlyList<TableEntity> Plan(string partition, IReadOnlyList<TableEntity> existing, TableEntity? before,
        IReadOnlyList<JournalEntry> journals, IReadOnlyDictionary<string, long> folded)
    {
        var stored = existing.ToDictionary(DateOf);
        var dates = stored.Keys.Union(journals.Select(j => j.BusinessDate)).Order().ToList();
        var byDate = journals.OrderBy(j => j.BusinessDate).ToList();
        var added = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        var next = 0;
        var baseRow = before;
        var rows = new List<TableEntity>(dates.Count);
        foreach (var date in dates)
        {
            for (; next < byDate.Count && byDate[next].BusinessDate <= date; next++)
            {
                foreach (var line in byDate[next].Lines)
                {
                    var t = added.GetValueOrDefault(line.Account);
                    added[line.Account] = (t.Debit + line.Debit, t.Credit + line.Credit);
                }
            }
            baseRow = stored.GetValueOrDefault(date) ?? baseRow;
            var totals = new Dictionary<string, (long Debit, long Credit)>(added, StringComparer.Ordinal);
            if (baseRow is not null)
            {
                Rollup.AccumulateInto(baseRow, totals);
            }
            var row = new TableEntity(partition, Key(date)) { [DateColumn] = LedgerKeys.Date(date) };
            foreach (var (account, (debit, credit)) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                row[LedgerKeys.DebitColumn(account)] = debit;
                row[LedgerKeys.CreditColumn(account)] = credit;
            }
            rows.Add(row);
        }
        if (rows.Count > 0)
        {
            rows[^1][Folded] = JsonSerializer.Serialize(folded.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary());
        }
        return rows;
    }

    /// <summary>The newest row's watermarks (empty for an empty shard).</summary>
    public static Dictionary<string, long> FoldedOf(TableEntity? newest) =>
        newest?.GetString(Folded) is { } json ? JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [] : new(StringComparer.Ordinal);

    /// <summary>Whether the holder's journals through <paramref name="sequence"/> are in the trial balance (one entity: the shard's newest row).</summary>
    public static async Task<bool> IsFoldedAsync(TableClient table, string cooperativeId, string holderId, long sequence, CancellationToken cancellationToken) =>
        FoldedOf(await FirstAsync(table, Partition(cooperativeId, ShardOf(holderId)), RowPrefix, cancellationToken)).GetValueOrDefault(holderId) >= sequence;

    /// <summary>Every shard's newest row, for the check: who is folded through which sequence.</summary>
    public static async Task<Dictionary<string, long>> AllFoldedAsync(TableClient table, string cooperativeId, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(Enumerable.Range(0, Count).Select(s => FirstAsync(table, Partition(cooperativeId, s), RowPrefix, cancellationToken)));
        return rows.SelectMany(FoldedOf).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }

    /// <summary>The first row of the shard at or after <paramref name="from"/> (the newest dated on or before it), reading one entity.</summary>
    private static async Task<TableEntity?> FirstAsync(TableClient table, string partition, string from, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{Quote(partition)}' and RowKey ge '{from}' and RowKey lt '{RowsEnd}'";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return row;
        }
        return null;
    }

    private static async Task<List<JournalEntry>> JournalsAsync(TableClient table, string holderPartition, long after, long through,
        IReadOnlyList<JournalEntry> known, CancellationToken cancellationToken)
    {
        var byNumber = known.Where(j => j.Sequence > after && j.Sequence <= through).ToDictionary(j => j.Sequence);
        var missing = await Task.WhenAll(Enumerable.Range(0, checked((int)(through - after))).Select(i => after + 1 + i).Where(s => !byNumber.ContainsKey(s))
            .Select(async s => await table.GetEntityIfExistsAsync<TableEntity>(holderPartition, LedgerKeys.Journal(s), cancellationToken: cancellationToken) is { HasValue: true } found
                ? JournalEntry.Read(found.Value!)
                : throw new InvalidOperationException($"Journal {s} of {holderPartition} is not there to fold.")));
        return byNumber.Values.Concat(missing).ToList();
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static TableEntity Copy(TableEntity row, string partition)
    {
        var copy = new TableEntity(partition, row.RowKey);
        foreach (var (key, value) in row.Where(p => p.Key != Folded && p.Key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey")))
        {
            copy[key] = value;
        }
        return copy;
    }
}

/// <summary>One holder's part of a fold: its journals through <paramref name="Sequence"/>, those of <paramref name="Known"/> in hand.</summary>
public sealed record HolderFold(string HolderId, long Sequence, IReadOnlyList<JournalEntry> Known);
