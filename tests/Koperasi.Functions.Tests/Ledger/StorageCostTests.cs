using System.Text.Json;
using Azure.Core.Pipeline;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// Counts the storage requests one transaction costs from intake to posted, with the app's own services and a
/// counting pipeline policy: intake (insert the intake record, send the message) and posting (one point read: the
/// balances row, which carries the copy of the latest day's and month's rollups; the id's marker not read but inserted
/// by the transaction, which fails with 409 on a redelivery; then one entity-group transaction) and the trial balance's
/// fold into the member's shard (one entity-group transaction: the shard's newest row comes from the fold's cache,
/// <see cref="ShardHeads"/>, warm after the warm-up's fold; a cold fold reads it first, one entity of one RowKey range). The queue host adds one
/// delete per message and one receive per batch. It runs against a LocalHost whose queue trigger is off, so nothing
/// races the posting it measures.
/// </summary>
[Collection(QueuelessCollection.Name)]
public sealed class StorageCostTests(QueuelessApiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task OneTransaction_CostsTwoRequestsAtIntakeTwoAtPostingAndOneToFoldWarm_WithItsJournalHashChained()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("C1");
        var counter = new StorageRequestCounter();
        using var services = CountedServices.Build(fixture, counter);
        await fixture.Queue.DrainAsync();
        var intake = services.GetRequiredService<TransactionIntake>();
        var posting = services.GetRequiredService<LedgerPosting>();
        await WarmUpAsync(coop.Id, intake, posting);

        const int n = 20;
        int intakeRequests = 0, postingRequests = 0;
        var kinds = new Dictionary<string, int>();
        var postingKinds = new Dictionary<string, int>();
        for (var i = 0; i < n; i++)
        {
            var message = Postings.Deposit(coop.Id, "C1", TransactionKinds.SimpananSukarela, 1_000 + i);
            counter.Reset();
            await intake.AcceptAsync(coop.Id, JsonSerializer.SerializeToElement(message.ToRequest(), Api.ApiJson.Options));
            intakeRequests += counter.Total;
            Merge(kinds, counter.ByKind);
            counter.Reset();
            await posting.PostAsync(message);
            postingRequests += counter.Total;
            Merge(kinds, counter.ByKind);
            Merge(postingKinds, counter.ByKind);
        }

        foreach (var (kind, count) in kinds.OrderBy(k => k.Key))
        {
            output.WriteLine($"{kind}: {count / (double)n:0.##} per transaction");
        }
        await fixture.Queue.DrainAsync();
        Assert.Equal(2.0, intakeRequests / (double)n);
        Assert.Equal(3.0, postingRequests / (double)n);
        // Every read of the posting is a point read; the warm fold reads nothing (the shard's newest row is cached).
        Assert.Equal(n, postingKinds.GetValueOrDefault("GET table entity"));
        Assert.Equal(0, postingKinds.GetValueOrDefault("GET table query"));
        Assert.Equal(2 * n, postingKinds.GetValueOrDefault("POST table batch"));
        // ... and each of those journals is sealed into the member's chain within the posting's own batch: the chain costs no request.
        var ledger = new Azure.Data.Tables.TableClient(fixture.Azurite.ConnectionString, StorageNames.LedgerTable);
        var journals = await ledger.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter(
            $"PartitionKey eq {LedgerKeys.MemberPartition(coop.Id, "C1")} and RowKey ge {LedgerKeys.JournalPrefix} and RowKey lt {"j}"}")).ToListAsync();
        Assert.Equal(n + 1, journals.Count);
        Assert.Equal(Audit.IndependentChain.Recompute(journals), journals.OrderBy(j => j.RowKey, StringComparer.Ordinal).Select(j => j.GetString("ChainHash")));
    }

    [Fact]
    public async Task Redelivery_OfAPostedTransaction_CostsTheFailedTransactionAndOneReadMore()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("C2");
        var counter = new StorageRequestCounter();
        using var services = CountedServices.Build(fixture, counter);
        var posting = services.GetRequiredService<LedgerPosting>();
        var message = Postings.Deposit(coop.Id, "C2", TransactionKinds.SimpananSukarela, 2_000);
        Assert.Equal(PostingResult.Posted, await posting.PostAsync(message));

        counter.Reset();
        Assert.Equal(PostingResult.AlreadyDone, await posting.PostAsync(message));

        foreach (var (kind, count) in counter.ByKind.OrderBy(k => k.Key))
        {
            output.WriteLine($"redelivery {kind}: {count}");
        }
        // The balances row and the transaction that fails on the marker, then 4 point reads (balances, the marker, and the day and
        // month rows: after a failed transaction the rollups are read, not taken from the copy); the fold finds the member
        // folded through its sequence in the cached newest row (a watermark only grows) and reads nothing.
        Assert.Equal(1 + 4, counter.ByKind.GetValueOrDefault("GET table entity"));
        Assert.Equal(1, counter.ByKind.GetValueOrDefault("POST table batch"));
        Assert.Equal(0, counter.ByKind.GetValueOrDefault("GET table query"));
        Assert.Equal(2_000, (await services.GetRequiredService<LedgerReader>().CurrentBalancesAsync(coop.Id, "C2")).Sukarela);
    }

    private static async Task WarmUpAsync(string cooperativeId, TransactionIntake intake, LedgerPosting posting)
    {
        var warm = Postings.Deposit(cooperativeId, "C1", TransactionKinds.SimpananSukarela, 500);
        await intake.AcceptAsync(cooperativeId, JsonSerializer.SerializeToElement(warm.ToRequest(), Api.ApiJson.Options));
        await posting.PostAsync(warm);
    }

    private static void Merge(Dictionary<string, int> into, IReadOnlyDictionary<string, int> from)
    {
        foreach (var (k, v) in from)
        {
            into[k] = into.GetValueOrDefault(k) + v;
        }
    }
}
