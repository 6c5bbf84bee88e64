using Koperasi.Functions.Failures;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>The posting procedure against a real Azurite: idempotency, atomicity under crashes, concurrency.</summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerPostingTests(ApiFixture fixture)
{
    private LedgerPosting Posting(IPostingFaults? faults = null) => faults is null
        ? fixture.Service<LedgerPosting>()
        : ActivatorUtilities.CreateInstance<LedgerPosting>(fixture.Host.Services, faults);

    private LedgerAudit Audit => fixture.Service<LedgerAudit>();
    private LedgerReader Reader => fixture.Service<LedgerReader>();

    [Fact]
    public async Task Post_Deposit_WritesBalancedJournalAndBalances()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");

        var result = await Posting().PostAsync(Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 75_000));

        Assert.Equal(PostingResult.Posted, result);
        Assert.Equal(75_000, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(1, report.Journals);
        Assert.Equal(75_000, report.TotalDebit);
    }

    [Fact]
    public async Task Post_SameIdTwice_ChangesNothingTheSecondTime()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        var message = Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananWajib, 50_000);

        var first = await Posting().PostAsync(message);
        var second = await Posting().PostAsync(message with { OccurredAt = message.OccurredAt.ToOffset(TimeSpan.Zero) });

        Assert.Equal(PostingResult.Posted, first);
        Assert.Equal(PostingResult.AlreadyDone, second);
        Assert.Equal(50_000, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Wajib);
        Assert.Equal(1, (await Audit.RunAsync(coop.Id)).Journals);
    }

    [Fact]
    public async Task Post_SameIdOtherContent_IsRecordedAsConflictAndNotPosted()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        var message = Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 10_000);
        await Posting().PostAsync(message);

        var result = await Posting().PostAsync(message with { Amount = 99_000 });

        Assert.Equal(PostingResult.Conflict, result);
        Assert.Equal(10_000, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
        var failures = await fixture.Service<FailureStore>().ListAsync(coop.Id, new Api.Paging(100, null), fullErrors: true);
        Assert.Contains(failures.Items, f => f.Kind == FailureRecord.Conflict && f.TransactionId == message.Id);
    }

    [Theory]
    [InlineData(PostingStep.BeforeRead)]
    [InlineData(PostingStep.AfterRead)]
    [InlineData(PostingStep.BeforeCommit)]
    [InlineData(PostingStep.AfterCommit)]
    public async Task Post_HostDiesAtAStep_RedeliveryPostsExactlyOnce(PostingStep step)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        await Posting().PostAsync(Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 30_000));
        var message = Postings.Withdrawal(coop.Id, "M1", 20_000);

        await Assert.ThrowsAsync<HostDiedException>(() => Posting(new CrashAt(step)).PostAsync(message));
        var redelivered = await Posting().PostAsync(message);

        Assert.Equal(step == PostingStep.AfterCommit ? PostingResult.AlreadyDone : PostingResult.Posted, redelivered);
        Assert.Equal(10_000, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(2, report.Journals);
    }

    [Fact]
    public async Task Post_FiftyAtOnceForOneMember_EndsWithTheExactBalance()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        var messages = Enumerable.Range(1, 50).Select(i => Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, i * 1_000)).ToList();

        var results = await Task.WhenAll(messages.Select(m => Task.Run(() => Posting().PostAsync(m))));

        Assert.All(results, r => Assert.Equal(PostingResult.Posted, r));
        Assert.Equal(Enumerable.Range(1, 50).Sum(i => i * 1_000L), (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
        var report = await Audit.RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(50, report.Journals);
    }

    [Fact]
    public async Task Post_ConcurrentWithdrawals_NeverOverdraw()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        await Posting().PostAsync(Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 100_000));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Posting().PostAsync(Postings.Withdrawal(coop.Id, "M1", 30_000)))));

        Assert.Equal(3, results.Count(r => r == PostingResult.Posted));
        Assert.Equal(17, results.Count(r => r == PostingResult.Rejected));
        Assert.Equal(10_000, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
    }

    [Fact]
    public async Task Post_UnknownMember_IsRejectedNotThrown()
    {
        var coop = await fixture.NewCooperativeAsync();
        var message = Postings.Deposit(coop.Id, "NOBODY", TransactionKinds.SimpananSukarela, 5_000);

        var result = await Posting().PostAsync(message);

        Assert.Equal(PostingResult.Rejected, result);
        var status = await Reader.FindStatusAsync(coop.Id, "NOBODY", message.Id);
        Assert.Equal("unknown_member", status?.Reason?.Code);
    }

    [Fact]
    public async Task Post_InAClosedMonth_IsBookedOnTheFirstDayOfTheOpenPeriodWithItsOriginalDate()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        await fixture.Service<Cooperatives.CooperativeStore>().CloseThroughAsync(coop.Id, new DateOnly(2026, 10, 1));
        var message = Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 5_000, at: new DateTimeOffset(2026, 10, 30, 9, 0, 0, TimeSpan.FromHours(8)));

        await Posting().PostAsync(message);

        var status = await Reader.FindStatusAsync(coop.Id, "M1", message.Id);
        Assert.Equal("2026-11-01", status?.BusinessDate);
        Assert.Equal(message.OccurredAt, status?.OccurredAt);
    }

    [Fact]
    public async Task Post_PartialRefundsTwice_EachReversesOnceAndNeverMoreThanTheDeposit()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M1");
        var deposit = Postings.Deposit(coop.Id, "M1", TransactionKinds.SimpananSukarela, 10_000, source: "midtrans");
        await Posting().PostAsync(deposit);
        TransactionMessage Refund(string id, long amount) => deposit with { Id = id, Kind = TransactionKinds.Reversal, Amount = amount, Reverses = deposit.Id };

        var first = await Posting().PostAsync(Refund("r1", 4_000));
        var again = await Posting().PostAsync(Refund("r1", 4_000));
        var second = await Posting().PostAsync(Refund("r2", 5_000));
        Assert.Equal(1_000, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
        var tooMuch = await Posting().PostAsync(Refund("r3", 2_000));

        // The provider paid 2,000 back; only 1,000 of the deposit was left to take: the rest is a receivable, listed.
        Assert.Equal([PostingResult.Posted, PostingResult.AlreadyDone, PostingResult.Posted, PostingResult.Posted], [first, again, second, tooMuch]);
        Assert.Equal(0, (await Reader.CurrentBalancesAsync(coop.Id, "M1")).Sukarela);
        var trial = await Reader.TrialBalanceAsync(coop.Id, DateOnly.MaxValue.AddDays(-1));
        Assert.Equal(1_000, trial.Accounts.Single(a => a.Code == ChartOfAccounts.PiutangSelisihRefund).Balance);
        Assert.Equal(10_000 - 4_000 - 5_000 - 2_000, trial.Accounts.Single(a => a.Code == ChartOfAccounts.KliringMidtrans).Balance);
        var status = await Reader.FindStatusAsync(coop.Id, "M1", "r3");
        Assert.Equal("refund_shortfall", status!.Adjustment?.Code);
        // No payment was recorded from a notification here: the ledger's own invariants hold, and the clearing
        // check names exactly the money Midtrans never reported.
        var report = await Audit.RunAsync(coop.Id);
        Assert.Equal(["kliring_midtrans: the ledger holds -1000, but the provider reported 0 in and 0 out"], report.Problems);
    }
}
