using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using static Koperasi.Functions.Tests.Webhooks.WebhookSamples;

namespace Koperasi.Functions.Tests.Webhooks;

/// <summary>
/// Money-moving notifications are confirmed with the provider (fake Midtrans and Xendit APIs on loopback) before
/// anything posts: a replayed signature posts nothing, a genuine refund posts, a provider that is down is asked again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookConfirmationTests(ApiFixture fixture)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private async Task<TestCooperative> CooperativeAsync(string memberId, string prefix, bool verify = true)
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync("/api/providers/midtrans", new { serverKey = MidtransServerKey, verifyWithProvider = verify })).EnsureSuccessStatusCode();
        (await coop.Admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = XenditToken, secretApiKey = XenditApiKey })).EnsureSuccessStatusCode();
        await coop.AddMemberAsync(memberId);
        (await coop.Admin.PostAsJsonAsync($"/api/members/{memberId}/payment-references",
            new { provider = "midtrans", reference = prefix + "*", account = "simpanan_sukarela" })).EnsureSuccessStatusCode();
        return coop;
    }

    private static JsonObject Signed(string file, string orderId, Action<JsonObject>? change = null)
    {
        var n = Load(file);
        n["order_id"] = orderId;
        change?.Invoke(n);
        return JsonNode.Parse(SignMidtrans(n))!.AsObject();
    }

    private async Task SendAsync(TestCooperative coop, HttpRequestMessage request)
    {
        var response = await fixture.Client().SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static string Deposit(string source, string providerPaymentId) => PaymentKeys.DepositId(source, PaymentKeys.Payment(source, providerPaymentId));

    private static string Reversal(string orderId, string refundId) => PaymentKeys.ReversalId("midtrans", PaymentKeys.Payment("midtrans", orderId), refundId);

    private static async Task AssertNeverQueuedAsync(TestCooperative coop, string transactionId) =>
        Assert.Equal(HttpStatusCode.NotFound, (await coop.Admin.GetAsync($"/api/transactions/{transactionId}")).StatusCode);

    private static async Task<long> SukarelaAsync(TestCooperative coop, string memberId) =>
        (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{memberId}/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64();

    /// <summary>Waits until the confirmation of the payment has reached <paramref name="state"/> for a notification that claimed <paramref name="claimed"/>.</summary>
    private async Task WaitForConfirmationAsync(string cooperativeId, string source, string providerPaymentId, string claimed, string state)
    {
        var table = fixture.Storage.CreateTableServiceClient().GetTableClient(StorageNames.PaymentsTable);
        var partition = PaymentKeys.PaymentPartition(cooperativeId, PaymentKeys.Payment(source, providerPaymentId));
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, PaymentKeys.ConfirmationRow);
            if (row.HasValue && row.Value!.GetString("ClaimedStatus") == claimed && row.Value.GetString("State") == state)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < until, $"the {claimed} notification did not reach {state}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Midtrans_SettlementReplayedAsRefundWithInventedRefunds_PostsNothing()
    {
        var orderId = Unique("KSP-C1-");
        var coop = await CooperativeAsync("C1", "KSP-C1-");
        var settlement = Signed("midtrans-settlement.json", orderId);
        fixture.Midtrans.Know(MidtransStatusPath(orderId), settlement);
        await SendAsync(coop, Midtrans(coop.Id, settlement.ToJsonString()));
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId))).GetProperty("status").GetString());

        // The captured body, its signed fields untouched (so signature_key still verifies), now claims a full refund.
        var forged = settlement.DeepClone().AsObject();
        forged["transaction_status"] = "refund";
        forged["refunds"] = new JsonArray(new JsonObject { ["refund_chargeback_id"] = 66601, ["refund_amount"] = "150000.00", ["created_at"] = "2026-11-03 09:00:00" });
        await SendAsync(coop, Midtrans(coop.Id, forged.ToJsonString()));
        await WaitForConfirmationAsync(coop.Id, "midtrans", orderId, "refund", PaymentConfirmations.Confirmed);
        await fixture.Service<PaymentIntake>().SweepPendingPaymentsAsync();

        await AssertNeverQueuedAsync(coop, Reversal(orderId, "66601"));
        Assert.Equal(150_000, await SukarelaAsync(coop, "C1"));
        Assert.Equal(2, fixture.Midtrans.Requests(MidtransStatusPath(orderId)).Count);
        Assert.All(fixture.Midtrans.Requests(MidtransStatusPath(orderId)), r => Assert.Equal("application/json", r.Accept));
    }

    [Fact]
    public async Task Midtrans_RefundTheProviderConfirms_IsReversed()
    {
        var orderId = Unique("KSP-C2-");
        var coop = await CooperativeAsync("C2", "KSP-C2-");
        var settlement = Signed("midtrans-settlement.json", orderId);
        fixture.Midtrans.Know(MidtransStatusPath(orderId), settlement);
        await SendAsync(coop, Midtrans(coop.Id, settlement.ToJsonString()));
        await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId));

        var refund = Signed("midtrans-partial-refund.json", orderId);
        fixture.Midtrans.Know(MidtransStatusPath(orderId), refund);
        await SendAsync(coop, Midtrans(coop.Id, refund.ToJsonString()));

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Reversal(orderId, "90001"))).GetProperty("status").GetString());
        Assert.Equal(130_000, await SukarelaAsync(coop, "C2"));
    }

    [Fact]
    public async Task Midtrans_ProviderDownThenBack_IsKeptAndRetriedAndPostsOnlyAfterItAnswers()
    {
        var orderId = Unique("KSP-C3-");
        var coop = await CooperativeAsync("C3", "KSP-C3-");
        var path = MidtransStatusPath(orderId);
        fixture.Midtrans.FailNext(path, 2, 503);
        fixture.Midtrans.HangNext(path);
        fixture.Midtrans.FailNext(path, 1, 500);
        var settlement = Signed("midtrans-settlement.json", orderId);

        await SendAsync(coop, Midtrans(coop.Id, settlement.ToJsonString()));
        await WaitForConfirmationAsync(coop.Id, "midtrans", orderId, "settlement", PaymentConfirmations.Retrying);
        await AssertNeverQueuedAsync(coop, Deposit("midtrans", orderId));
        fixture.Midtrans.Know(path, settlement);

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId))).GetProperty("status").GetString());
        var requests = fixture.Midtrans.Requests(path);
        Assert.True(requests.Count >= 5, $"{requests.Count} requests");
        Assert.Equal(200, requests[^1].Status);
        Assert.Equal(150_000, await SukarelaAsync(coop, "C3"));
    }

    [Fact]
    public async Task Confirmation_UnconfirmedForTooLong_IsListedAsAFailureAndPostsWhenReplayed()
    {
        var orderId = Unique("KSP-C4-");
        var coop = await CooperativeAsync("C4", "KSP-C4-");
        var path = MidtransStatusPath(orderId);
        fixture.Midtrans.FailNext(path, 100, 503);
        // A confirmation that has been retried for seven hours (the give-up time is six).
        var message = new PaymentConfirmationMessage(coop.Id, "midtrans", orderId, null, "settlement", DateTimeOffset.UtcNow.AddHours(-7), 12);
        var queue = fixture.Storage.CreateQueueClient(StorageNames.PaymentConfirmationsQueue);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, Koperasi.Functions.Api.ApiJson.Options));

        var failure = await WaitForFailureAsync(coop);
        Assert.Equal("payment-confirmations", failure.GetProperty("queue").GetString());
        Assert.Contains("could not confirm", failure.GetProperty("error").GetString());
        await AssertNeverQueuedAsync(coop, Deposit("midtrans", orderId));

        fixture.Midtrans.Know(path, Signed("midtrans-settlement.json", orderId));
        fixture.Midtrans.Recover(path);
        (await coop.Admin.PostAsync($"/api/failures/{failure.GetProperty("id").GetString()}/replay", null)).EnsureSuccessStatusCode();
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Xendit_PaidInvoiceXenditDoesNotKnow_PostsNothing_AVirtualAccountPaymentItKnows_Posts()
    {
        var coop = await CooperativeAsync("C5", "KSP-C5-");
        var externalId = Unique("KSP-INV-C5-");
        (await coop.Admin.PostAsJsonAsync("/api/members/C5/payment-references", new { provider = "xendit", reference = externalId, account = "simpanan_sukarela" })).EnsureSuccessStatusCode();
        var invoice = Load("xendit-invoice-paid.json");
        invoice["id"] = Unique("inv_");
        invoice["external_id"] = externalId;
        var payment = Load("xendit-fva-payment.json");
        payment["payment_id"] = Unique("fva_pay_");
        payment["external_id"] = externalId;
        fixture.Xendit.Know($"/callback_virtual_account_payments/payment_id={payment["payment_id"]}", payment.DeepClone());

        await SendAsync(coop, Xendit(coop.Id, invoice.ToJsonString()));
        await SendAsync(coop, Xendit(coop.Id, payment.ToJsonString()));
        await WaitForConfirmationAsync(coop.Id, "xendit", "inv:" + invoice["id"], "PAID", PaymentConfirmations.NotConfirmed);

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("xendit", "va:" + payment["payment_id"]))).GetProperty("status").GetString());
        await AssertNeverQueuedAsync(coop, Deposit("xendit", "inv:" + invoice["id"]));
        Assert.Equal(50_000, await SukarelaAsync(coop, "C5"));
        var request = Assert.Single(fixture.Xendit.Requests($"/v2/invoices/{invoice["id"]}"));
        Assert.Equal(404, request.Status);
    }

    [Fact]
    public async Task Midtrans_VerifyWithProviderOff_ActsOnTheNotificationWithoutAsking()
    {
        var orderId = Unique("KSP-C6-");
        var coop = await CooperativeAsync("C6", "KSP-C6-", verify: false);

        await SendAsync(coop, Midtrans(coop.Id, Signed("midtrans-settlement.json", orderId).ToJsonString()));

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId))).GetProperty("status").GetString());
        Assert.Empty(fixture.Midtrans.Requests(MidtransStatusPath(orderId)));
        var providers = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/providers");
        Assert.Contains(providers.GetProperty("items").EnumerateArray(), p => p.GetProperty("provider").GetString() == "midtrans" && !p.GetProperty("verifyWithProvider").GetBoolean());
    }

    [Fact]
    public async Task PutXendit_VerifyingWithoutSecretApiKey_Is400_NotVerifyingWithoutIt_IsFine()
    {
        var coop = await fixture.NewCooperativeAsync();

        var missing = await coop.Admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = XenditToken });
        var notBoolean = await coop.Admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = XenditToken, secretApiKey = XenditApiKey, verifyWithProvider = "yes" });
        var off = await coop.Admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = XenditToken, verifyWithProvider = false });

        var problem = await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "invalid_credentials");
        Assert.True(problem.GetProperty("errors").TryGetProperty("secretApiKey", out _));
        await Problem.AssertAsync(notBoolean, HttpStatusCode.BadRequest, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verifyWithProvider").GetBoolean());
    }

    private static async Task<JsonElement> WaitForFailureAsync(TestCooperative coop)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var items = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/failures")).GetProperty("items");
            var poisoned = items.EnumerateArray().FirstOrDefault(f => f.GetProperty("status").GetString() == "poisoned" && f.TryGetProperty("error", out _));
            if (poisoned.ValueKind == JsonValueKind.Object)
            {
                return poisoned;
            }
            Assert.True(DateTime.UtcNow < until, "no poisoned confirmation listed: " + items);
            await Task.Delay(200);
        }
    }
}
