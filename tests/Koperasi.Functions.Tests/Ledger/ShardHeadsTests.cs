using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// The fold's cache of each shard's newest row (<see cref="ShardHeads"/>): a warm fold is one transaction, and a stale
/// copy (another instance, with its own cache, folded since) costs a failed transaction and a read, never a wrong total.
/// Each "instance" is a service provider of its own over the fixture's Azurite, with a policy that logs the shard's requests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ShardHeadsTests(ApiFixture fixture)
{
    private const string Batch = "POST table batch";
    private const string Query = "GET table query";

    [Fact]
    public async Task Fold_WarmShardHead_CostsOneTransactionAndNoQuery()
    {
        var coop = await fixture.NewCooperativeAsync();
        var pair = ShardMembers.SameShard("W", 2);
        var (first, second) = (pair[0], pair[1]);
        await coop.AddMemberAsync(first);
        await coop.AddMemberAsync(second);
        var log = new PartitionRequestLog(TrialBalanceShards.Partition(coop.Id, TrialBalanceShards.ShardOf(first)));
        using var services = CountedServices.Build(fixture, log);
        var posting = services.GetRequiredService<LedgerPosting>();

        await posting.PostAsync(Postings.Deposit(coop.Id, first, TransactionKinds.SimpananSukarela, 7_000));
        Assert.Equal([(Query, 200), (Batch, 202)], log.Requests);

        log.Reset();
        await posting.PostAsync(Postings.Deposit(coop.Id, second, TransactionKinds.SimpananSukarela, 3_000));

        Assert.Equal([(Batch, 202)], log.Requests);
        var trial = await fixture.Service<LedgerReader>().TrialBalanceAsync(coop.Id, new DateOnly(2026, 12, 31));
        Assert.Equal(10_000, trial.Accounts.Single(a => a.Code == TransactionKinds.SimpananSukarela).Credit);
    }

    [Fact]
    public async Task Fold_WarmShardHeadBackdated_ReadsTheRangeAndCommitsAtTheFirstAttempt()
    {
        var coop = await fixture.NewCooperativeAsync();
        var members = ShardMembers.SameShard("D", 2);
        foreach (var m in members)
        {
            await coop.AddMemberAsync(m);
        }
        var log = new PartitionRequestLog(TrialBalanceShards.Partition(coop.Id, TrialBalanceShards.ShardOf(members[0])));
        using var services = CountedServices.Build(fixture, log);
        var posting = services.GetRequiredService<LedgerPosting>();
        await posting.PostAsync(Postings.Deposit(coop.Id, members[0], TransactionKinds.SimpananSukarela, 7_000));

        log.Reset();
        await posting.PostAsync(Postings.Deposit(coop.Id, members[1], TransactionKinds.SimpananSukarela, 3_000, at: Postings.October.AddDays(-5)));

        // The cached row's ETag (from the batch's answer) is the one the range read finds: no 412, no re-read of the newest row.
        Assert.Equal([(Query, 200), (Query, 200), (Batch, 202)], log.Requests);
        var reader = fixture.Service<LedgerReader>();
        Assert.Equal(3_000, (await reader.TrialBalanceAsync(coop.Id, DateOnly.FromDateTime(Postings.October.AddDays(-5).DateTime))).Accounts
            .Single(a => a.Code == TransactionKinds.SimpananSukarela).Credit);
    }

    [Fact]
    public async Task Fold_TwoInstancesAlternatingThenConcurrent_TrialBalanceEqualsTheJournalsAndTheCheckIsClean()
    {
        var coop = await fixture.NewCooperativeAsync();
        var members = ShardMembers.SameShard("S", 4);
        foreach (var m in members)
        {
            await coop.AddMemberAsync(m);
        }
        var partition = TrialBalanceShards.Partition(coop.Id, TrialBalanceShards.ShardOf(members[0]));
        var logs = new[] { new PartitionRequestLog(partition), new PartitionRequestLog(partition) };
        using var one = CountedServices.Build(fixture, logs[0]);
        using var two = CountedServices.Build(fixture, logs[1]);
        var instances = new[] { one.GetRequiredService<LedgerPosting>(), two.GetRequiredService<LedgerPosting>() };
        var random = new Random(15);
        var posted = 0L;
        var amount = 1_000L;

        // Alternating: each instance's cached row is stale whenever the other folded last; dates jump back and forth.
        for (var round = 0; round < 24; round++)
        {
            var member = members[random.Next(members.Count)];
            await instances[round % 2].PostAsync(Postings.Deposit(coop.Id, member, TransactionKinds.SimpananSukarela, ++amount,
                at: Postings.October.AddDays(random.Next(-10, 10))));
            posted += amount;
        }
        var stale = logs.Sum(l => l.Requests.Count(r => r is (Batch, 412)));
        Assert.True(stale > 0, "no fold ran on a stale cached row: the test does not exercise the cache");

        // Concurrent: both instances fold into the shard at once, from warm and stale caches.
        var sends = Enumerable.Range(0, 32).Select(i => (Instance: instances[i % 2], Member: members[i % members.Count],
            Amount: ++amount, At: Postings.October.AddDays(random.Next(-10, 10)))).ToList();
        await Task.WhenAll(sends.Select(s => s.Instance.PostAsync(Postings.Deposit(coop.Id, s.Member, TransactionKinds.SimpananSukarela, s.Amount, at: s.At))));
        posted += sends.Sum(s => s.Amount);

        var reader = fixture.Service<LedgerReader>();
        var entries = new List<JournalEntry>();
        foreach (var m in members)
        {
            entries.AddRange(await reader.EntriesAsync(coop.Id, m));
        }
        for (var date = DateOnly.FromDateTime(Postings.October.DateTime).AddDays(-11); date <= new DateOnly(2026, 10, 26); date = date.AddDays(1))
        {
            var trial = await reader.TrialBalanceAsync(coop.Id, date);
            var lines = entries.Where(e => e.BusinessDate <= date).SelectMany(e => e.Lines).ToList();
            Assert.Equal(lines.Select(l => l.Account).Distinct().Count(), trial.Accounts.Count);
            foreach (var account in lines.Select(l => l.Account).Distinct())
            {
                var row = trial.Accounts.Single(a => a.Code == account);
                Assert.Equal((lines.Where(l => l.Account == account).Sum(l => l.Debit), lines.Where(l => l.Account == account).Sum(l => l.Credit)), (row.Debit, row.Credit));
            }
        }
        var end = await reader.TrialBalanceAsync(coop.Id, new DateOnly(2026, 12, 31));
        Assert.Equal(posted, end.Accounts.Single(a => a.Code == TransactionKinds.SimpananSukarela).Credit);
        var report = await fixture.Service<LedgerAudit>().RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
    }
}
