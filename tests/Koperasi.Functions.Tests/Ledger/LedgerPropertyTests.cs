using Azure.Storage.Queues.Models;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// Random streams of deposits and withdrawals over many members, with duplicates, conflicts and overdrafts, delivered
/// in shuffled order and concurrently through the real queue function against Azurite. Whatever the order, the
/// invariants must hold. The seed is printed; set KOPERASI_PROPERTY_SEED to replay one.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerPropertyTests(ApiFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomShuffledStream_KeepsEveryLedgerInvariant(int run)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KOPERASI_PROPERTY_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"run {run}: seed {seed}");
        var random = new Random(seed);
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        var members = Enumerable.Range(1, 8).Select(i => $"P{i}").ToList();
        foreach (var m in members)
        {
            await coop.AddMemberAsync(m);
        }

        var originals = Enumerable.Range(0, 250).Select(_ => RandomPosting(random, coop.Id, members)).ToList();
        var deliveries = new List<TransactionMessage>(originals);
        deliveries.AddRange(originals.Where(_ => random.NextDouble() < 0.15));                                           // redeliveries
        var conflicting = originals.Where(_ => random.NextDouble() < 0.05).Select(o => o with { Amount = o.Amount + 1 }).ToList();
        deliveries.AddRange(conflicting);                                                                               // same id, other content
        deliveries = deliveries.OrderBy(_ => random.Next()).ToList();

        var function = ActivatorUtilities.CreateInstance<PostTransactionFunction>(fixture.Host.Services);
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, ct) =>
            await function.PostTransaction(QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "pop", TransactionQueue.Serialize(m), 1), ct));

        var report = await fixture.Service<LedgerAudit>().RunAsync(coop.Id);
        Assert.True(report.Ok, $"seed {seed}: " + string.Join("; ", report.Problems));
        Assert.Equal(0, report.TotalDebit - report.TotalCredit);
        var reader = fixture.Service<LedgerReader>();
        var byId = originals.Concat(conflicting).GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (id, versions) in byId)
        {
            var status = await reader.FindStatusAsync(coop.Id, versions[0].MemberId, id);
            Assert.True(status is not null, $"seed {seed}: {id} was neither posted nor rejected");
            Assert.Contains(status!.Status, new[] { TransactionStatus.Posted, TransactionStatus.Rejected });
            Assert.Contains(versions, v => v.Amount == status.Amount);
        }
        Assert.Equal(byId.Count, report.PostedMarkers + report.RejectedMarkers);
        Assert.Equal(report.PostedMarkers, report.Journals);
        foreach (var member in members)
        {
            Assert.True((await reader.CurrentBalancesAsync(coop.Id, member)).Sukarela >= 0, $"seed {seed}: {member} sukarela is negative");
        }
    }

    private static TransactionMessage RandomPosting(Random random, string cooperativeId, List<string> members)
    {
        var member = members[random.Next(members.Count)];
        var at = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(random.Next(0, 60 * 24 * 45));
        var amount = random.Next(1, 100) * 1_000L;
        return random.Next(10) switch
        {
            0 => Postings.Deposit(cooperativeId, member, TransactionKinds.SimpananPokok, random.Next(4) == 0 ? 90_000 : 100_000, at: at),
            1 or 2 => Postings.Deposit(cooperativeId, member, TransactionKinds.SimpananWajib, amount, at: at),
            3 or 4 or 5 => Postings.Deposit(cooperativeId, member, TransactionKinds.SimpananSukarela, amount, at: at),
            6 => Postings.Withdrawal(cooperativeId, member, amount, at: at) with { Account = TransactionKinds.SimpananWajib },
            _ => Postings.Withdrawal(cooperativeId, member, amount, at: at),
        };
    }
}
