using Azure.Data.Tables;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// The copy of the latest day's and month's rollups on the balances row (<see cref="RollupHead"/>): a posting dated on
/// or after the member's latest day reads one entity of the member's partition, a backdated one reads its own rows,
/// a balances row without the copy falls back to reading, and every rollup row still equals its journals summed here.
/// </summary>
[Collection(QueuelessCollection.Name)]
public sealed class RollupHeadTests(QueuelessApiFixture fixture)
{
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    [Fact]
    public async Task Posting_OnTheLatestDayOrLater_ReadsOnlyTheBalancesRow_AndEveryRollupEqualsItsDeposits()
    {
        var (coop, posting, counter) = await SetUpAsync("H1");
        var deposits = new List<(DateTimeOffset At, long Amount)>
        {
            (Day(10, 15), 10_000), (Day(10, 15), 2_000), (Day(10, 16), 3_000), (Day(11, 2), 4_000), (Day(11, 2), 500), (Day(11, 30), 700),
        };
        // The first posting also reads the cooperative's profile and the member directory (no balances row yet).
        await posting.PostAsync(Postings.Deposit(coop.Id, "H1", TransactionKinds.SimpananSukarela, 1_000, at: Day(10, 14)));
        deposits.Add((Day(10, 14), 1_000));
        foreach (var (at, amount) in deposits.SkipLast(1))
        {
            counter.Reset();
            Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "H1", TransactionKinds.SimpananSukarela, amount, at: at)));
            Assert.Equal(1, counter.ByKind.GetValueOrDefault("GET table entity"));
        }

        await AssertRollupsAsync(coop.Id, "H1", deposits);
    }

    [Fact]
    public async Task Posting_Backdated_ReadsTheRowsOfItsDate_AndTheCopyOfTheLatestMonthFollows()
    {
        var (coop, posting, counter) = await SetUpAsync("H2");
        var deposits = new List<(DateTimeOffset At, long Amount)> { (Day(10, 5), 10_000), (Day(11, 20), 20_000) };
        foreach (var (at, amount) in deposits)
        {
            await posting.PostAsync(Postings.Deposit(coop.Id, "H2", TransactionKinds.SimpananSukarela, amount, at: at));
        }
        // Before the latest day (20 November): its day row is read, and its month row unless it is November, whose copy the balances row keeps.
        foreach (var (at, amount, reads) in new[] { (Day(11, 3), 1_000L, 2), (Day(10, 5), 2_000L, 3), (Day(11, 20), 3_000L, 1), (Day(11, 21), 4_000L, 1) })
        {
            counter.Reset();
            Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "H2", TransactionKinds.SimpananSukarela, amount, at: at)));
            Assert.Equal(reads, counter.ByKind.GetValueOrDefault("GET table entity"));
            deposits.Add((at, amount));
        }
        // A backdated withdrawal within what 5 October holds (12,000; every later day only adds): it reads every later day row too.
        Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Withdrawal(coop.Id, "H2", 11_000, at: Day(10, 5))));
        deposits.Add((Day(10, 5), -11_000));

        await AssertRollupsAsync(coop.Id, "H2", deposits);
    }

    [Fact]
    public async Task BalancesRow_WithoutTheCopy_ThePostingReadsTheRows_AndWritesTheCopyAgain()
    {
        var (coop, posting, counter) = await SetUpAsync("H3");
        await posting.PostAsync(Postings.Deposit(coop.Id, "H3", TransactionKinds.SimpananSukarela, 5_000, at: Day(11, 10)));
        // A balances row as written before the copy existed.
        var ledger = new TableClient(fixture.Azurite.ConnectionString, StorageNames.LedgerTable);
        var partition = LedgerKeys.MemberPartition(coop.Id, "H3");
        var balance = (await ledger.GetEntityAsync<TableEntity>(partition, LedgerKeys.BalanceRow)).Value;
        Assert.NotNull(balance.GetString(RollupHead.DateColumn));
        foreach (var key in balance.Keys.Where(k => k == RollupHead.DateColumn || k.StartsWith(RollupHead.DayPrefix, StringComparison.Ordinal) ||
                     k.StartsWith(RollupHead.MonthPrefix, StringComparison.Ordinal)).ToList())
        {
            balance.Remove(key);
        }
        await ledger.UpdateEntityAsync(balance, balance.ETag, TableUpdateMode.Replace);

        var deposits = new List<(DateTimeOffset At, long Amount)> { (Day(11, 10), 5_000) };
        foreach (var (amount, reads) in new[] { (6_000L, 3), (7_000L, 1) })
        {
            counter.Reset();
            Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "H3", TransactionKinds.SimpananSukarela, amount, at: Day(11, 10))));
            Assert.Equal(reads, counter.ByKind.GetValueOrDefault("GET table entity"));
            deposits.Add((Day(11, 10), amount));
        }
        await AssertRollupsAsync(coop.Id, "H3", deposits);
    }

    [Fact]
    public async Task LedgerCheck_ACopyThatDiffersFromItsRow_IsReported()
    {
        var (coop, posting, _) = await SetUpAsync("H4");
        await posting.PostAsync(Postings.Deposit(coop.Id, "H4", TransactionKinds.SimpananSukarela, 5_000, at: Day(11, 10)));
        var ledger = new TableClient(fixture.Azurite.ConnectionString, StorageNames.LedgerTable);
        var balance = (await ledger.GetEntityAsync<TableEntity>(LedgerKeys.MemberPartition(coop.Id, "H4"), LedgerKeys.BalanceRow)).Value;
        var column = RollupHead.DayPrefix + LedgerKeys.CreditColumn(TransactionKinds.SimpananSukarela);
        Assert.Equal(5_000, balance.GetInt64(column));
        balance[column] = 5_001L;
        await ledger.UpdateEntityAsync(balance, balance.ETag, TableUpdateMode.Replace);

        var report = await fixture.Service<LedgerAudit>().RunAsync(coop.Id);
        Assert.Contains(report.Problems, p => p.Contains("H4") && p.Contains("copy of rollup day|2026-11-10"));
    }

    private async Task<(TestCooperative Coop, LedgerPosting Posting, StorageRequestCounter Counter)> SetUpAsync(string member)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(member);
        var counter = new StorageRequestCounter();
        var services = CountedServices.Build(fixture, counter);
        return (coop, services.GetRequiredService<LedgerPosting>(), counter);
    }

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 10, 0, 0, Wita);

    /// <summary>Each day and month row's sukarela credit and debit against the deposits (negative: withdrawals) summed here, and the ledger check clean.</summary>
    private async Task AssertRollupsAsync(string cooperativeId, string member, IReadOnlyList<(DateTimeOffset At, long Amount)> movements)
    {
        var ledger = new TableClient(fixture.Azurite.ConnectionString, StorageNames.LedgerTable);
        var partition = LedgerKeys.MemberPartition(cooperativeId, member);
        foreach (var group in movements.GroupBy(m => LedgerKeys.Day(DateOnly.FromDateTime(m.At.Date)))
                     .Concat(movements.GroupBy(m => LedgerKeys.Month(DateOnly.FromDateTime(m.At.Date)))))
        {
            var row = (await ledger.GetEntityAsync<TableEntity>(partition, group.Key)).Value;
            Assert.Equal(group.Where(m => m.Amount > 0).Sum(m => m.Amount), row.GetInt64(LedgerKeys.CreditColumn(TransactionKinds.SimpananSukarela)) ?? 0);
            Assert.Equal(group.Where(m => m.Amount < 0).Sum(m => -m.Amount), row.GetInt64(LedgerKeys.DebitColumn(TransactionKinds.SimpananSukarela)) ?? 0);
        }
        var report = await fixture.Service<LedgerAudit>().RunAsync(cooperativeId);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(movements.Sum(m => m.Amount), (await fixture.Service<LedgerReader>().CurrentBalancesAsync(cooperativeId, member)).Sukarela);
    }
}
