using Azure.Core.Pipeline;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// A posting reads the same entities whatever the member's history: a member with two years of weekly postings and a
/// member with one posting each post one more deposit on the same day, and storage answers each with the same number
/// of entities (balances and the day's rollups; the new id's marker is not there).
/// </summary>
[Collection(QueuelessCollection.Name)]
public sealed class PostingReadsTests(QueuelessApiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Post_MemberWithTwoYearsOfHistory_ReadsAsManyEntitiesAsAYoungMember()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("OLD");
        await coop.AddMemberAsync("NEW");
        var counter = new EntityReadCounter();
        using var services = CountedServices.Build(fixture, counter);
        var posting = services.GetRequiredService<LedgerPosting>();
        var today = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
        const int weeks = 104;
        for (var w = weeks; w > 0; w--)
        {
            Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "OLD", TransactionKinds.SimpananSukarela, 10_000 + w, at: today.AddDays(-7 * w))));
        }
        Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "NEW", TransactionKinds.SimpananSukarela, 10_000, at: today.AddDays(-7))));
        var entries = await services.GetRequiredService<LedgerReader>().EntriesAsync(coop.Id, "OLD");
        Assert.Equal(weeks, entries.Count);

        var read = new Dictionary<string, int>();
        foreach (var member in new[] { "OLD", "NEW" })
        {
            counter.Reset();
            Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, member, TransactionKinds.SimpananSukarela, 5_000, at: today)));
            read[member] = counter.Entities;
            output.WriteLine($"entities read per posting, {member}: {read[member]}");
        }
        Assert.Equal(read["NEW"], read["OLD"]);
        Assert.InRange(read["OLD"], 1, 4);
    }

    [Fact]
    public async Task MemberLedger_OfAMonth_ReadsAsManyEntitiesAfterTwoYearsAsAfterTwoMonths()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("OLD");
        await coop.AddMemberAsync("NEW");
        var counter = new EntityReadCounter();
        using var services = CountedServices.Build(fixture, counter);
        var posting = services.GetRequiredService<LedgerPosting>();
        var last = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
        const int weeks = 104, recent = 9;
        for (var w = weeks - 1; w >= 0; w--)
        {
            var at = last.AddDays(-7 * w);
            Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "OLD", TransactionKinds.SimpananSukarela, 1_000 + w, at: at)));
            if (w < recent)
            {
                Assert.Equal(PostingResult.Posted, await posting.PostAsync(Postings.Deposit(coop.Id, "NEW", TransactionKinds.SimpananSukarela, 1_000 + w, at: at)));
            }
        }
        var reader = services.GetRequiredService<LedgerReader>();
        var (october, end) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

        var read = new Dictionary<string, int>();
        var ledgers = new Dictionary<string, MemberLedger>();
        foreach (var member in new[] { "OLD", "NEW" })
        {
            counter.Reset();
            ledgers[member] = await reader.MemberLedgerAsync(coop.Id, member, october, end, new Api.Paging(100, null));
            read[member] = counter.Entities;
            output.WriteLine($"entities read per month's ledger, {member}: {read[member]}");
        }

        Assert.Equal(read["NEW"], read["OLD"]);
        // The opening balance, from the balances row less the days since, is what every earlier deposit adds up to.
        var before = Enumerable.Range(0, weeks).Where(w => DateOnly.FromDateTime(last.AddDays(-7 * w).Date) < october).Sum(w => 1_000L + w);
        Assert.Equal(before, ledgers["OLD"].OpeningBalances[TransactionKinds.SimpananSukarela]);
        Assert.Equal(ledgers["NEW"].Items.Select(i => i.Amount), ledgers["OLD"].Items.Select(i => i.Amount));
        Assert.Equal(before + ledgers["OLD"].Items.Sum(i => i.Change), ledgers["OLD"].ClosingBalances[TransactionKinds.SimpananSukarela]);
    }
}
