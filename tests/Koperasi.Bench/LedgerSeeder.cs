using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Bench;

/// <summary>
/// Writes a member's postings straight into its ledger partition with the ledger's own posting pass (savings rules,
/// marker, journal, balances, rollups), as many entity-group transactions as the pass needs (each pass continues from the
/// rows the one before wrote, with their ETags): the rows LedgerPosting would write one posting at a time. Then the
/// cooperative's trial-balance shards are built from those journals with the fold's own plan
/// (<see cref="TrialBalanceShards.Plan"/>), in batches of 100 rows. Azurite answers a table query by scanning the whole
/// table, so posting hundreds of thousands of transactions one at a time would measure the emulator for hours; the
/// benchmarks need the rows, not the posting. What the seed skips: the intake records, the queue, and the posting's reads.
/// </summary>
public static class LedgerSeeder
{
    /// <summary>A new cooperative (Asia/Makassar, pokok 100,000, wajib 50,000) whose directory holds the given members.</summary>
    public static async Task<Cooperative> CooperativeWithMembersAsync(IServiceProvider services, string name, IReadOnlyList<string> memberIds)
    {
        var registered = await services.GetRequiredService<CooperativeRegistration>().RegisterAsync(JsonSerializer.SerializeToElement(new
        {
            name, timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 50_000,
        }));
        var store = services.GetRequiredService<MemberStore>();
        await Parallel.ForEachAsync(memberIds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await store.AddAsync(registered.Id, id, new MemberDetails("Anggota " + id, $"{id.ToLowerInvariant()}@example.test", null, null), ct));
        return (await services.GetRequiredService<CooperativeStore>().FindAsync(registered.Id))!;
    }

    /// <summary>Every member's postings (<paramref name="postingsOf"/>: member id and its index), then the trial-balance shards; answers the journals by member.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<JournalEntry>>> SeedAsync(IServiceProvider services, Cooperative cooperative,
        IReadOnlyList<string> memberIds, Func<string, int, IReadOnlyList<TransactionMessage>> postingsOf, int parallelism)
    {
        var ledger = await services.GetRequiredService<StorageAccount>().TableAsync(StorageNames.LedgerTable);
        var journals = new ConcurrentDictionary<string, IReadOnlyList<JournalEntry>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(memberIds.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (m, ct) =>
            journals[m.id] = await SeedMemberAsync(ledger, cooperative, m.id, postingsOf(m.id, m.i), DateTimeOffset.UtcNow));
        await SeedTrialBalanceAsync(ledger, cooperative.Id, journals);
        return new Dictionary<string, IReadOnlyList<JournalEntry>>(journals, StringComparer.Ordinal);
    }

    /// <summary>Seeds one member and answers its journals, for <see cref="SeedTrialBalanceAsync"/>.</summary>
    public static async Task<IReadOnlyList<JournalEntry>> SeedMemberAsync(TableClient ledger, Cooperative cooperative, string memberId, IReadOnlyList<TransactionMessage> postings, DateTimeOffset now)
    {
        var partition = LedgerKeys.MemberPartition(cooperative.Id, memberId);
        var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var journals = new List<JournalEntry>();
        var next = 0;
        while (next < postings.Count)
        {
            var pass = new PostingPass(partition, cooperative, stored.GetValueOrDefault(LedgerKeys.BalanceRow), stored, memberKnown: true, now);
            var start = next;
            while (next < postings.Count && pass.TryApply(postings[next]) is not null)
            {
                next++;
            }
            if (next == start)
            {
                throw new ArgumentException($"Posting {postings[next].Id} does not fit an empty entity-group transaction.", nameof(postings));
            }
            var actions = pass.Actions();
            var response = await ledger.SubmitTransactionAsync(actions);
            for (var i = 0; i < actions.Count; i++)
            {
                var entity = (TableEntity)actions[i].Entity;
                if (entity.RowKey.StartsWith(LedgerKeys.JournalPrefix, StringComparison.Ordinal))
                {
                    journals.Add(JournalEntry.Read(entity));
                }
                else if (!entity.RowKey.StartsWith(LedgerKeys.MarkerPrefix, StringComparison.Ordinal))
                {
                    entity.ETag = response.Value[i].Headers.ETag ?? throw new InvalidOperationException("A batch answer without an ETag.");
                    stored[entity.RowKey] = entity;
                }
            }
        }
        return journals;
    }

    /// <summary>The cooperative's 16 trial-balance shards from every holder's journals, as the folds would have left them.</summary>
    public static async Task SeedTrialBalanceAsync(TableClient ledger, string cooperativeId, IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> journalsByHolder)
    {
        await Parallel.ForEachAsync(journalsByHolder.GroupBy(h => TrialBalanceShards.ShardOf(h.Key)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (shard, ct) =>
        {
            var partition = TrialBalanceShards.Partition(cooperativeId, shard.Key);
            var folded = shard.ToDictionary(h => h.Key, h => h.Value.Count == 0 ? 0 : h.Value.Max(j => j.Sequence), StringComparer.Ordinal);
            var rows = TrialBalanceShards.Plan(partition, [], null, shard.SelectMany(h => h.Value).ToList(), folded).ToList();
            rows.Add(new TableEntity(partition, TrialBalanceShards.Key(DateOnly.MinValue)) { [TrialBalanceShards.DateColumn] = LedgerKeys.Date(DateOnly.MinValue) });
            foreach (var chunk in rows.Chunk(PostingPass.MaxEntities))
            {
                await ledger.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
            }
        });
    }
}
