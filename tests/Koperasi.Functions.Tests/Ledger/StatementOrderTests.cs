using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Xunit.Abstractions;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>
/// Dates agree: a withdrawal must leave every running balance a statement shows (business date, then posting order)
/// at zero or above, from its own date to now. Checked against a second implementation of that rule in the test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StatementOrderTests(ApiFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    private LedgerPosting Posting => fixture.Service<LedgerPosting>();

    [Fact]
    public async Task BackdatedWithdrawal_BeforeTheDepositThatFundsIt_IsRejectedAndNoStatementLineGoesNegative()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("D1");
        await Posting.PostAsync(Postings.Deposit(coop.Id, "D1", TransactionKinds.SimpananSukarela, 100_000, at: new DateTimeOffset(2026, 10, 10, 9, 0, 0, Wita)));

        var early = Postings.Withdrawal(coop.Id, "D1", 100_000, at: new DateTimeOffset(2026, 10, 5, 9, 0, 0, Wita));
        var result = await Posting.PostAsync(early);

        Assert.Equal(PostingResult.Rejected, result);
        var status = await fixture.Service<LedgerReader>().FindStatusAsync(coop.Id, "D1", early.Id);
        Assert.Equal("insufficient_balance", status!.Reason!.Code);
        Assert.Contains("from this transaction's date on", status.Reason.Message);
        var onTime = await Posting.PostAsync(Postings.Withdrawal(coop.Id, "D1", 100_000, at: new DateTimeOffset(2026, 10, 12, 9, 0, 0, Wita)));
        Assert.Equal(PostingResult.Posted, onTime);
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/D1/ledger?from=2026-10-01&to=2026-10-31");
        Assert.All(ledger.GetProperty("items").EnumerateArray(), line => Assert.True(line.GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64() >= 0, line.ToString()));
    }

    [Fact]
    public async Task BackdatedWithdrawal_ThatLaterLinesCanCarry_Posts()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("D2");
        await Posting.PostAsync(Postings.Deposit(coop.Id, "D2", TransactionKinds.SimpananSukarela, 100_000, at: new DateTimeOffset(2026, 10, 1, 9, 0, 0, Wita)));
        await Posting.PostAsync(Postings.Withdrawal(coop.Id, "D2", 30_000, at: new DateTimeOffset(2026, 10, 20, 9, 0, 0, Wita)));

        // 70,000 is left now and at every later line: a withdrawal of 70,000 dated the 10th fits; 70,001 would not.
        Assert.Equal(PostingResult.Rejected, await Posting.PostAsync(Postings.Withdrawal(coop.Id, "D2", 70_001, at: new DateTimeOffset(2026, 10, 10, 9, 0, 0, Wita))));
        Assert.Equal(PostingResult.Posted, await Posting.PostAsync(Postings.Withdrawal(coop.Id, "D2", 70_000, at: new DateTimeOffset(2026, 10, 10, 9, 0, 0, Wita))));
    }

    [Theory]
    [InlineData(20261201)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task RandomStreamOutOfDateOrder_EveryDecisionMatchesTheStatementRule(int seed)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("D3");
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var model = new List<(DateOnly Date, int Sequence, long Change)>();
        for (var i = 0; i < 50; i++)
        {
            var day = random.Next(1, 29);
            var at = new DateTimeOffset(2026, 10, day, random.Next(7, 17), 0, 0, Wita);
            var amount = random.Next(1, 60) * 1_000L;
            var withdrawal = random.NextDouble() < 0.45;
            var message = withdrawal ? Postings.Withdrawal(coop.Id, "D3", amount, at: at) : Postings.Deposit(coop.Id, "D3", TransactionKinds.SimpananSukarela, amount, at: at);
            var expected = !withdrawal || Fits(model, DateOnly.FromDateTime(at.DateTime), amount);

            var result = await Posting.PostAsync(message);

            Assert.True((result == PostingResult.Posted) == expected, $"step {i}: {message.Kind} {amount} on 2026-10-{day:D2}: app said {result}, the rule says {(expected ? "post" : "reject")}");
            if (expected)
            {
                model.Add((DateOnly.FromDateTime(at.DateTime), model.Count + 1, withdrawal ? -amount : amount));
            }
        }
        var report = await fixture.Service<LedgerAudit>().RunAsync(coop.Id);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(model.Sum(e => e.Change), (await fixture.Service<LedgerReader>().CurrentBalancesAsync(coop.Id, "D3")).Sukarela);
    }

    /// <summary>The rule, written again from the statement's side: insert the debit after every line of its date and re-run the balances.</summary>
    private static bool Fits(List<(DateOnly Date, int Sequence, long Change)> model, DateOnly date, long amount)
    {
        var lines = model.Append((Date: date, Sequence: int.MaxValue, Change: -amount)).OrderBy(e => e.Date).ThenBy(e => e.Sequence);
        long running = 0;
        foreach (var line in lines)
        {
            running += line.Change;
            if (running < 0)
            {
                return false;
            }
        }
        return true;
    }
}
