using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// The trial balance from the cooperative's shards (<see cref="TrialBalanceShards"/>) against the journals
/// themselves: at every date, after backdated postings, and across a crash between the member's commit and the fold.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TrialBalanceShardsTests(ApiFixture fixture)
{
    private LedgerPosting Posting(IPostingFaults? faults = null) => faults is null
        ? fixture.Service<LedgerPosting>()
        : ActivatorUtilities.CreateInstance<LedgerPosting>(fixture.Host.Services, faults);

    private LedgerAudit Audit => fixture.Service<LedgerAudit>();
    private LedgerReader Reader => fixture.Service<LedgerReader>();

    [Fact]
    public async Task Fold_CrashBetweenCommitAndFold_CheckReportsItAndTheMembersNextPostingFoldsIt()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        await Posting().PostAsync(Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 30_000));

        await Assert.ThrowsAsync<HostDiedException>(() => Posting(new CrashAt(PostingStep.AfterCommit))
            .PostAsync(Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 12_345)));

        var broken = await Audit.RunAsync(coop.Id);
        Assert.False(broken.Ok);
        Assert.Contains(broken.Problems, p => p.Contains("folded them through 1", StringComparison.Ordinal));
        Assert.Contains(broken.Problems, p => p.Contains("trial balance simpanan_sukarela", StringComparison.Ordinal));
        Assert.Equal(30_000, Credit(await Reader.TrialBalanceAsync(coop.Id, new DateOnly(2026, 12, 31)), TransactionKinds.SimpananSukarela));

        await Posting().PostAsync(Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananWajib, 5_000));

        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        var trial = await Reader.TrialBalanceAsync(coop.Id, new DateOnly(2026, 12, 31));
        Assert.Equal(42_345, Credit(trial, TransactionKinds.SimpananSukarela));
        Assert.Equal(5_000, Credit(trial, TransactionKinds.SimpananWajib));
    }

    [Fact]
    public async Task TrialBalance_BackdatedPostingsOverManyMembers_EqualsTheJournalsAtEveryDate()
    {
        var coop = await fixture.NewCooperativeAsync();
        var members = Enumerable.Range(1, 24).Select(i => $"B{i}").ToList();
        foreach (var m in members)
        {
            await coop.AddMemberAsync(m);
        }
        var start = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var random = new Random(15);
        // Dates out of order: each member's postings jump back and forth over ten weeks, and withdrawals come after deposits.
        foreach (var round in Enumerable.Range(0, 4))
        {
            await Task.WhenAll(members.Select(async m =>
            {
                var at = start.AddDays(random.Next(0, 70));
                await Posting().PostAsync(Postings.Deposit(coop.Id, m, TransactionKinds.SimpananSukarela, 10_000 + round * 1_000, at: at));
                if (round > 1)
                {
                    await Posting().PostAsync(Postings.Withdrawal(coop.Id, m, 500, at: at.AddDays(3)));
                }
            }));
        }

        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        var entries = new List<JournalEntry>();
        foreach (var m in members)
        {
            entries.AddRange(await Reader.EntriesAsync(coop.Id, m));
        }
        for (var date = new DateOnly(2026, 8, 31); date <= new DateOnly(2026, 11, 20); date = date.AddDays(4))
        {
            var trial = await Reader.TrialBalanceAsync(coop.Id, date);
            var lines = entries.Where(e => e.BusinessDate <= date).SelectMany(e => e.Lines).ToList();
            foreach (var account in lines.Select(l => l.Account).Distinct())
            {
                var row = trial.Accounts.Single(a => a.Code == account);
                Assert.Equal((lines.Where(l => l.Account == account).Sum(l => l.Debit), lines.Where(l => l.Account == account).Sum(l => l.Credit)), (row.Debit, row.Credit));
            }
            Assert.Equal(lines.Select(l => l.Account).Distinct().Count(), trial.Accounts.Count);
        }
    }

    private static long Credit(TrialBalance trial, string account) => trial.Accounts.SingleOrDefault(a => a.Code == account)?.Credit ?? 0;
}
