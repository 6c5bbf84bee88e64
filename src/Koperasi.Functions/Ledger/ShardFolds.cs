using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// A group commit of folds per trial-balance shard within this process: a fold asked while another of the same shard
/// is in flight waits, and every fold that waited goes into the next transaction together. So concurrent postings of
/// one shard (16 deliveries of a batch on 16 shards collide often) cost one transaction between them instead of
/// racing on the newest row's If-Match, each loser paying a 412, a read and a retry. A fold asked alone is folded at
/// once, as before. Each caller returns only once its own journals are committed to the shard, so "posted" still
/// means "in the reports". A group that fails for another reason than a conflict (a missing journal, too many rows for
/// one transaction) is folded again holder by holder, so one holder's trouble is not its neighbours'.
/// Other instances still race on the If-Match, which <see cref="TrialBalanceShards.FoldAsync(TableClient, ConcurrencyRetry, ShardHeads, string, string, IReadOnlyList{HolderFold}, CancellationToken)"/> retries.
/// </summary>
public sealed class ShardFolds(ConcurrencyRetry retry, ShardHeads heads)
{
    private sealed record Waiting(TableClient Table, string CooperativeId, HolderFold Fold, TaskCompletionSource Done);

    private readonly object gate = new();
    /// <summary>Per shard (table and partition): the folds waiting for the one in flight. A key is present while a fold of it runs.</summary>
    private readonly Dictionary<string, List<Waiting>> shards = new(StringComparer.Ordinal);

    /// <summary>Folds the holder's journals through <paramref name="sequence"/> (see <see cref="TrialBalanceShards"/>), together with whatever else of its shard is waiting.</summary>
    public async Task FoldAsync(TableClient table, string cooperativeId, string holderId, long sequence, IReadOnlyList<JournalEntry> known,
        CancellationToken cancellationToken)
    {
        if (sequence <= 0)
        {
            return;
        }
        var partition = TrialBalanceShards.Partition(cooperativeId, TrialBalanceShards.ShardOf(holderId));
        var key = table.Uri.AbsoluteUri + "|" + partition;
        var mine = new Waiting(table, cooperativeId, new HolderFold(holderId, sequence, known), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool leads;
        lock (gate)
        {
            leads = !shards.TryGetValue(key, out var waiting);
            if (leads)
            {
                shards[key] = [];
            }
            else
            {
                waiting!.Add(mine);
            }
        }
        if (!leads)
        {
            await mine.Done.Task.WaitAsync(cancellationToken);
            return;
        }
        // This caller leads: its own fold, then (in the background, so that it returns at once) every group that queued
        // meanwhile, until none waits. Those groups are folded without this caller's token, being other callers' work;
        // each caller's wait honours its own.
        try
        {
            await FoldGroupAsync(partition, [mine], cancellationToken);
        }
        finally
        {
            _ = Task.Run(() => DrainAsync(key, partition), CancellationToken.None);
        }
        await mine.Done.Task;
    }

    /// <summary>How many folds of the shard wait behind the one in flight (for tests that hold a fold to queue others).</summary>
    internal int QueuedBehind(string partition)
    {
        lock (gate)
        {
            return shards.Where(s => s.Key.EndsWith("|" + partition, StringComparison.Ordinal)).Sum(s => s.Value.Count);
        }
    }

    private async Task DrainAsync(string key, string partition)
    {
        while (true)
        {
            List<Waiting> group;
            lock (gate)
            {
                group = shards[key];
                if (group.Count == 0)
                {
                    shards.Remove(key);
                    return;
                }
                shards[key] = [];
            }
            await FoldGroupAsync(partition, group, CancellationToken.None);
        }
    }

    /// <summary>Never throws: each waiter's task carries its own outcome.</summary>
    private async Task FoldGroupAsync(string partition, IReadOnlyList<Waiting> group, CancellationToken cancellationToken)
    {
        var first = group[0];
        try
        {
            await TrialBalanceShards.FoldAsync(first.Table, retry, heads, first.CooperativeId, partition, group.Select(w => w.Fold).ToList(), cancellationToken);
            foreach (var w in group)
            {
                w.Done.TrySetResult();
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var w in group)
            {
                await FoldGroupAsync(partition, [w], cancellationToken);
            }
        }
        catch (OperationCanceledException e)
        {
            first.Done.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            first.Done.TrySetException(e);
        }
    }
}
