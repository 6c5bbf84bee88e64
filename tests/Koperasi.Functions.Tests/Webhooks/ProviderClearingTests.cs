using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Tests.Support;
using static Koperasi.Functions.Tests.Webhooks.WebhookSamples;

namespace Koperasi.Functions.Tests.Webhooks;

/// <summary>
/// Provider money always lands, end to end over signed webhooks: each provider's clearing account equals what the
/// provider reported in minus out, and the ledger check proves it from the payments' own record.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProviderClearingTests(ApiFixture fixture)
{
    private const string Source = "standard:" + StandardName;
    private const string Clearing = "kliring_std_" + StandardName;

    [Fact]
    public async Task PokokPaidTwiceIntoItsVirtualAccount_BothAreBookedAndTheClearingAccountAgreesWithTheProvider()
    {
        var coop = await CooperativeAsync();
        await coop.AddMemberAsync("K1");
        (await coop.Admin.PostAsJsonAsync("/api/members/K1/payment-references", new { provider = Source, reference = "VA-K1-POKOK", account = "simpanan_pokok" })).EnsureSuccessStatusCode();
        var first = Unique("pay_");
        var second = Unique("pay_");

        foreach (var payment in new[] { first, second })
        {
            await SendAsync(coop, StandardEvent("payment.succeeded", payment, "VA-K1-POKOK", 100_000));
            await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit(payment));
        }

        var balances = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/K1/balances")).GetProperty("balances");
        Assert.Equal((100_000, 100_000), (balances.GetProperty("simpanan_pokok").GetInt64(), balances.GetProperty("simpanan_sukarela").GetInt64()));
        var check = await CheckAsync(coop);
        var clearing = Assert.Single(check.GetProperty("clearing").EnumerateArray());
        Assert.Equal((Clearing, 200_000L, 200_000L, 0L), (clearing.GetProperty("account").GetString(), clearing.GetProperty("ledger").GetInt64(),
            clearing.GetProperty("reportedIn").GetInt64(), clearing.GetProperty("reportedOut").GetInt64()));
        var adjusted = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions?status=adjusted");
        Assert.Equal(Deposit(second), Assert.Single(adjusted.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnmatchedPayment_IsBookedToDanaTitipanUntilAssigned_AndTheClearingAccountAgreesThroughout()
    {
        var coop = await CooperativeAsync();
        await coop.AddMemberAsync("K2");
        var payment = Unique("pay_");
        var key = PaymentKeys.Payment(Source, payment);

        await SendAsync(coop, StandardEvent("payment.succeeded", payment, Unique("NOBODY-"), 40_000));

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, PaymentKeys.SuspenseId(Source, key))).GetProperty("status").GetString());
        Assert.Equal(40_000, await AccountAsync(coop, ChartOfAccounts.DanaTitipan));
        Assert.Equal(40_000, (await CheckAsync(coop)).GetProperty("clearing")[0].GetProperty("ledger").GetInt64());

        var id = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/payments/unmatched")).GetProperty("items")[0].GetProperty("id").GetString();
        var assigned = await coop.Admin.PostAsJsonAsync($"/api/payments/unmatched/{id}/assign", new { memberId = "K2", account = "simpanan_wajib" });
        Assert.Equal(HttpStatusCode.Accepted, assigned.StatusCode);
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, PaymentKeys.SuspenseReleaseId(Source, key))).GetProperty("status").GetString());
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit(payment))).GetProperty("status").GetString());

        Assert.Equal(0, await AccountAsync(coop, ChartOfAccounts.DanaTitipan));
        Assert.Equal(40_000, (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/K2/balances")).GetProperty("balances").GetProperty("simpanan_wajib").GetInt64());
        var clearing = (await CheckAsync(coop)).GetProperty("clearing")[0];
        Assert.Equal((40_000L, 40_000L), (clearing.GetProperty("ledger").GetInt64(), clearing.GetProperty("reportedIn").GetInt64()));
    }

    private async Task<TestCooperative> CooperativeAsync()
    {
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        (await coop.Admin.PutAsJsonAsync($"/api/providers/standard-webhooks/{StandardName}", new { secret = StandardSecret })).EnsureSuccessStatusCode();
        return coop;
    }

    private static async Task SendAsync(TestCooperative coop, string body)
    {
        var response = await coop.Fixture.Client().SendAsync(Standard(coop.Id, Unique("msg_"), body, DateTimeOffset.UtcNow));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> CheckAsync(TestCooperative coop)
    {
        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString());
        return check;
    }

    private static async Task<long> AccountAsync(TestCooperative coop, string code) =>
        (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance")).GetProperty("accounts").EnumerateArray()
            .Where(a => a.GetProperty("code").GetString() == code).Select(a => a.GetProperty("balance").GetInt64()).SingleOrDefault();

    private static string Deposit(string payment) => PaymentKeys.DepositId(Source, PaymentKeys.Payment(Source, payment));

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
}
