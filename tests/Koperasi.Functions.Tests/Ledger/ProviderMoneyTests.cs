using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Ledger;

/// <summary>Money a provider settled is always booked; what a rule would refuse lands elsewhere, visibly, and every rejection is listed.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProviderMoneyTests(ApiFixture fixture)
{
    private LedgerPosting Posting => fixture.Service<LedgerPosting>();
    private LedgerReader Reader => fixture.Service<LedgerReader>();

    [Fact]
    public async Task ProviderPokokPaidTwice_SecondLandsInSukarelaAndIsListedAdjusted()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        await coop.AddMemberAsync("V1");
        var first = Postings.Deposit(coop.Id, "V1", TransactionKinds.SimpananPokok, 100_000, id: "mt-first-" + Guid.NewGuid().ToString("N")[..8], source: "midtrans");
        var second = first with { Id = "mt-second-" + Guid.NewGuid().ToString("N")[..8] };

        Assert.Equal(PostingResult.Posted, await Posting.PostAsync(first));
        Assert.Equal(PostingResult.Posted, await Posting.PostAsync(second));

        Assert.Equal(new MemberBalances(100_000, 0, 100_000), await Reader.CurrentBalancesAsync(coop.Id, "V1"));
        var trial = await Reader.TrialBalanceAsync(coop.Id, DateOnly.MaxValue.AddDays(-1));
        Assert.Equal(200_000, trial.Accounts.Single(a => a.Code == ChartOfAccounts.KliringMidtrans).Balance);
        var status = await Reader.FindStatusAsync(coop.Id, "V1", second.Id);
        Assert.Equal(("redirected_to_sukarela", TransactionKinds.SimpananSukarela), (status!.Adjustment?.Code, status.PostedAccount));
        var adjusted = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=adjusted");
        var listed = Assert.Single(adjusted.GetProperty("items").EnumerateArray());
        Assert.Equal(second.Id, listed.GetProperty("id").GetString());
        Assert.Equal("V1", listed.GetProperty("memberId").GetString());
        Assert.Contains("pokok_already_paid", listed.GetProperty("adjustment").GetProperty("message").GetString());
        Assert.True((await fixture.Service<LedgerAudit>().RunAsync(coop.Id)).Ok);
    }

    [Fact]
    public async Task ProviderPokokOfTheWrongAmount_LandsInSukarela()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        await coop.AddMemberAsync("V2");

        var result = await Posting.PostAsync(Postings.Deposit(coop.Id, "V2", TransactionKinds.SimpananPokok, 75_000, source: "xendit"));

        Assert.Equal(PostingResult.Posted, result);
        Assert.Equal(new MemberBalances(0, 0, 75_000), await Reader.CurrentBalancesAsync(coop.Id, "V2"));
    }

    [Fact]
    public async Task ProviderMoneyForNoKnownMember_IsBookedToSuspense()
    {
        var coop = await fixture.NewCooperativeAsync();

        var result = await Posting.PostAsync(Postings.Deposit(coop.Id, "NOBODY", TransactionKinds.SimpananWajib, 50_000, source: "standard:bank_abc"));

        Assert.Equal(PostingResult.Posted, result);
        var trial = await Reader.TrialBalanceAsync(coop.Id, DateOnly.MaxValue.AddDays(-1));
        Assert.Equal(50_000, trial.Accounts.Single(a => a.Code == ChartOfAccounts.DanaTitipan).Balance);
        Assert.Equal(50_000, trial.Accounts.Single(a => a.Code == "kliring_std_bank_abc").Balance);
        var adjusted = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=adjusted");
        Assert.Equal("suspense_unknown_member", adjusted.GetProperty("items")[0].GetProperty("adjustment").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ApiPokokPaidTwice_IsRejectedAndListedRejected()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        await coop.AddMemberAsync("V3");
        await Posting.PostAsync(Postings.Deposit(coop.Id, "V3", TransactionKinds.SimpananPokok, 100_000));
        var again = Postings.Deposit(coop.Id, "V3", TransactionKinds.SimpananPokok, 100_000);

        Assert.Equal(PostingResult.Rejected, await Posting.PostAsync(again));
        Assert.Equal(PostingResult.AlreadyDone, await Posting.PostAsync(again));

        var rejected = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=rejected&limit=10");
        var listed = Assert.Single(rejected.GetProperty("items").EnumerateArray());
        Assert.Equal((again.Id, "rejected", "pokok_already_paid"),
            (listed.GetProperty("id").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("reason").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task RejectedList_PagesByLimitAndContinuationToken()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("V4");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var withdrawal = Postings.Withdrawal(coop.Id, "V4", 1_000 + i);
            ids.Add(withdrawal.Id);
            await Posting.PostAsync(withdrawal);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=rejected&limit=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?status=posted")]
    public async Task List_WithoutAReviewStatus_Is400(string query)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync("/api/transactions" + query);

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "invalid_query", "status");
    }
}
