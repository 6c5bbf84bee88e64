using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// The group commit of folds per shard (<see cref="ShardFolds"/>): folds asked while one of their shard is in flight
/// go into the next transaction together. The first fold's transaction is held in the pipeline (<see cref="HoldFirstBatch"/>)
/// until the others have queued behind it, so the grouping is certain rather than a matter of timing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ShardFoldsTests(ApiFixture fixture)
{
    private const string Batch = "POST table batch";
    private const string Query = "GET table query";

    [Fact]
    public async Task Fold_PostingsOfAShardWhoseFoldIsInFlight_CommitTogetherInOneTransaction()
    {
        var coop = await fixture.NewCooperativeAsync();
        var members = ShardMembers.SameShard("G", 5);
        foreach (var m in members)
        {
            await coop.AddMemberAsync(m);
        }
        var partition = TrialBalanceShards.Partition(coop.Id, TrialBalanceShards.ShardOf(members[0]));
        var log = new PartitionRequestLog(partition);
        var hold = new HoldFirstBatch(partition);
        using var services = CountedServices.Build(fixture, hold, log);
        var posting = services.GetRequiredService<LedgerPosting>();
        var folds = services.GetRequiredService<ShardFolds>();

        var first = posting.PostAsync(Postings.Deposit(coop.Id, members[0], TransactionKinds.SimpananSukarela, 1_000));
        await hold.Held;
        var amounts = new[] { 2_000L, 3_000, 4_000, 5_000 };
        var others = members.Skip(1).Zip(amounts, (m, a) => posting.PostAsync(
            Postings.Deposit(coop.Id, m, TransactionKinds.SimpananSukarela, a, at: Postings.October.AddDays(-2)))).ToList();
        await Until(() => folds.QueuedBehind(partition) == others.Count);
        hold.Release();

        Assert.Equal(PostingResult.Posted, await first);
        Assert.All(await Task.WhenAll(others), r => Assert.Equal(PostingResult.Posted, r));
        // The first fold reads the cold shard and commits; the four that queued behind it, backdated two days, read the
        // range before the newest row (the cached head's ETag holds) and commit in one transaction, with no 412.
        Assert.Equal([(Query, 200), (Batch, 202), (Query, 200), (Query, 200), (Batch, 202)], log.Requests);
        var reader = fixture.Service<LedgerReader>();
        var backdated = DateOnly.FromDateTime(Postings.October.AddDays(-2).DateTime);
        Assert.Equal(amounts.Sum(), (await reader.TrialBalanceAsync(coop.Id, backdated)).Accounts.Single(a => a.Code == TransactionKinds.SimpananSukarela).Credit);
        Assert.Equal(1_000 + amounts.Sum(), (await reader.TrialBalanceAsync(coop.Id, new DateOnly(2026, 12, 31))).Accounts
            .Single(a => a.Code == TransactionKinds.SimpananSukarela).Credit);
        foreach (var m in members)
        {
            var id = (await reader.EntriesAsync(coop.Id, m)).Single().TransactionId;
            Assert.Equal(TransactionStatus.Posted, (await reader.FindReportedStatusAsync(coop.Id, m, id))?.Status);
        }
        var report = await fixture.Service<LedgerAudit>().RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
    }

    [Fact]
    public async Task Fold_AGroupWithAHolderWhoseJournalsAreMissing_FoldsTheOthersAndFailsOnlyThatCaller()
    {
        var coop = await fixture.NewCooperativeAsync();
        var members = ShardMembers.SameShard("F", 4);
        foreach (var m in members.Take(3))
        {
            await coop.AddMemberAsync(m);
        }
        var partition = TrialBalanceShards.Partition(coop.Id, TrialBalanceShards.ShardOf(members[0]));
        var hold = new HoldFirstBatch(partition);
        using var services = CountedServices.Build(fixture, hold);
        var posting = services.GetRequiredService<LedgerPosting>();
        var folds = services.GetRequiredService<ShardFolds>();
        var table = await services.GetRequiredService<StorageAccount>().TableAsync(StorageNames.LedgerTable);

        var first = posting.PostAsync(Postings.Deposit(coop.Id, members[0], TransactionKinds.SimpananSukarela, 1_000));
        await hold.Held;
        var second = posting.PostAsync(Postings.Deposit(coop.Id, members[1], TransactionKinds.SimpananSukarela, 2_000));
        // A holder said to have three journals that were never written: its part of the group cannot be folded.
        var ghost = folds.FoldAsync(table, coop.Id, members[3], 3, [], CancellationToken.None);
        var third = posting.PostAsync(Postings.Deposit(coop.Id, members[2], TransactionKinds.SimpananSukarela, 4_000));
        await Until(() => folds.QueuedBehind(partition) == 3);
        hold.Release();

        Assert.Equal(PostingResult.Posted, await first);
        Assert.Equal(PostingResult.Posted, await second);
        Assert.Equal(PostingResult.Posted, await third);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ghost);
        Assert.Contains("is not there to fold", error.Message, StringComparison.Ordinal);
        var trial = await fixture.Service<LedgerReader>().TrialBalanceAsync(coop.Id, new DateOnly(2026, 12, 31));
        Assert.Equal(7_000, trial.Accounts.Single(a => a.Code == TransactionKinds.SimpananSukarela).Credit);
        var report = await fixture.Service<LedgerAudit>().RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
    }

    /// <summary>Waits for a condition of this process (the folds queued), failing after 30 s rather than sleeping a guess.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the folds never queued behind the held one");
            await Task.Delay(10);
        }
    }
}
