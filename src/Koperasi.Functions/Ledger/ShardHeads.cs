using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Each trial-balance shard's newest row (with its ETag) as this process's last fold committed it, so that the next
/// fold of the shard skips the <c>$top=1</c> read and costs one request, the transaction. Only a hint: every fold
/// writes the newest row If-Match, so a stale copy (another instance folded since, or a fold of this process whose
/// answer was lost) fails the transaction with 412/409, <see cref="TrialBalanceShards.FoldAsync"/> forgets the
/// entry and <c>ConcurrencyRetry</c> folds again from a fresh read. With several instances a stale entry costs one
/// failed transaction and a read, never a wrong total. A watermark only grows, so a cached one at or past a holder's
/// sequence is a fold that did happen. An empty shard is never remembered (its first fold reads it), and readers of
/// the trial balance never use this: they read storage.
/// </summary>
public sealed class ShardHeads
{
    /// <summary>
    /// Entries kept before the cache starts over: 16 shards per cooperative make it 256 busy cooperatives. A newest row
    /// carries up to about 64 KiB of watermark JSON (3,000 members in a shard), so the bound is about 256 MiB at
    /// worst, a few MiB for cooperatives of a few hundred members.
    /// </summary>
    public const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, TableEntity> heads = new(StringComparer.Ordinal);

    /// <summary>The shard's newest row as last committed here, or null (never folded here, or forgotten). Not to be mutated.</summary>
    public TableEntity? Find(string partition) => heads.TryGetValue(partition, out var row) ? row : null;

    /// <summary>
    /// Keeps the row just committed as its shard's newest (its ETag set from the batch answer). Over
    /// <see cref="Capacity"/> the cache is cleared rather than kept in LRU order: a cleared entry costs one read.
    /// </summary>
    public void Remember(TableEntity newest)
    {
        if (heads.Count >= Capacity && !heads.ContainsKey(newest.PartitionKey))
        {
            heads.Clear();
        }
        heads[newest.PartitionKey] = newest;
    }

    /// <summary>After a conflict or a changed newest row: the next fold of the shard reads it.</summary>
    public void Forget(string partition) => heads.TryRemove(partition, out _);
}
