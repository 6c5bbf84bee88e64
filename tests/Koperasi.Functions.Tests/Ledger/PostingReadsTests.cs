using Azure.Core.Pipeline;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Storage;
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
}
