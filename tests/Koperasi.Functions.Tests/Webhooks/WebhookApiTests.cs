using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Tests.Support;
using static Koperasi.Functions.Tests.Webhooks.WebhookSamples;

namespace Koperasi.Functions.Tests.Webhooks;

/// <summary>Signed provider calls over real HTTP, through the queue to the ledger, and the balances and ledger check after.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookApiTests(ApiFixture fixture)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private async Task<TestCooperative> CooperativeWithProvidersAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync("/api/providers/midtrans", new { serverKey = MidtransServerKey })).EnsureSuccessStatusCode();
        (await coop.Admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = XenditToken, secretApiKey = XenditApiKey })).EnsureSuccessStatusCode();
        (await coop.Admin.PutAsJsonAsync($"/api/providers/standard-webhooks/{StandardName}", new { secret = StandardSecret })).EnsureSuccessStatusCode();
        return coop;
    }

    private static async Task AddReferenceAsync(TestCooperative coop, string memberId, string provider, string reference, string account = "simpanan_sukarela")
    {
        await coop.AddMemberAsync(memberId);
        var response = await coop.Admin.PostAsJsonAsync($"/api/members/{memberId}/payment-references", new { provider, reference, account });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string Deposit(string source, string providerPaymentId) => PaymentKeys.DepositId(source, PaymentKeys.Payment(source, providerPaymentId));

    private static string Reversal(string source, string providerPaymentId, string refundId) =>
        PaymentKeys.ReversalId(source, PaymentKeys.Payment(source, providerPaymentId), refundId);

    private static async Task<long> BalanceAsync(TestCooperative coop, string memberId, string account = "simpanan_sukarela") =>
        (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{memberId}/balances")).GetProperty("balances").GetProperty(account).GetInt64();

    private static async Task AssertLedgerCheckOkAsync(TestCooperative coop)
    {
        var report = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
    }

    private static async Task<int> EntriesAsync(TestCooperative coop, string memberId) =>
        (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{memberId}/ledger?from=2026-01-01&to=2026-12-31")).GetProperty("items").GetArrayLength();

    private static async Task SendOkAsync(TestCooperative coop, HttpRequestMessage request)
    {
        var response = await coop.Fixture.Client().SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>From now on Midtrans' Get Status API answers for the order with this (signed) body: what the provider knows.</summary>
    private void MidtransKnows(string signedBody) =>
        fixture.Midtrans.Know(MidtransStatusPath(System.Text.Json.Nodes.JsonNode.Parse(signedBody)!["order_id"]!.GetValue<string>()), System.Text.Json.Nodes.JsonNode.Parse(signedBody)!);

    private static string MidtransBody(string file, string orderId, Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        var n = Load(file);
        n["order_id"] = orderId;
        change?.Invoke(n);
        return SignMidtrans(n);
    }

    [Fact]
    public async Task Midtrans_SettlementRepeatedThenPendingLate_PostsOneDepositOnTheCooperativesBusinessDate()
    {
        var coop = await CooperativeWithProvidersAsync();
        await AddReferenceAsync(coop, "A1", "midtrans", "KSP-A1-*");
        var orderId = Unique("KSP-A1-");
        var settlement = MidtransBody("midtrans-settlement.json", orderId);
        MidtransKnows(settlement);

        await SendOkAsync(coop, Midtrans(coop.Id, settlement));
        await SendOkAsync(coop, Midtrans(coop.Id, settlement));
        await SendOkAsync(coop, Midtrans(coop.Id, MidtransBody("midtrans-settlement.json", orderId, n =>
        {
            n["transaction_status"] = "pending";
            n["status_code"] = "201";
            n.Remove("settlement_time");
        })));
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId));

        Assert.Equal("posted", status.GetProperty("status").GetString());
        // 23:30 in Jakarta (GMT+7) on the 31st is 00:30 on the 1st in Balikpapan (WITA).
        Assert.Equal("2026-11-01", status.GetProperty("businessDate").GetString());
        Assert.Equal(150_000, await BalanceAsync(coop, "A1"));
        Assert.Equal(1, await EntriesAsync(coop, "A1"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Midtrans_PartialRefundsAfterSettlement_EachReversedOnce()
    {
        var coop = await CooperativeWithProvidersAsync();
        await AddReferenceAsync(coop, "A2", "midtrans", "KSP-A2-*");
        var orderId = Unique("KSP-A2-");
        MidtransKnows(MidtransBody("midtrans-settlement.json", orderId));
        await SendOkAsync(coop, Midtrans(coop.Id, MidtransBody("midtrans-settlement.json", orderId)));
        await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId));

        var first = MidtransBody("midtrans-partial-refund.json", orderId);
        var second = MidtransBody("midtrans-partial-refund.json", orderId, n => ((System.Text.Json.Nodes.JsonArray)n["refunds"]!).Add(new System.Text.Json.Nodes.JsonObject
        {
            ["refund_chargeback_id"] = 90002, ["refund_amount"] = "30000.00", ["created_at"] = "2026-11-03 09:00:00", ["refund_key"] = "rk-contoh-2",
        }));
        MidtransKnows(first);
        await SendOkAsync(coop, Midtrans(coop.Id, first));
        await SendOkAsync(coop, Midtrans(coop.Id, first));
        MidtransKnows(second);
        await SendOkAsync(coop, Midtrans(coop.Id, second));
        await SendOkAsync(coop, Midtrans(coop.Id, second));

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Reversal("midtrans", orderId, "90001"))).GetProperty("status").GetString());
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Reversal("midtrans", orderId, "90002"))).GetProperty("status").GetString());
        Assert.Equal(100_000, await BalanceAsync(coop, "A2"));
        Assert.Equal(3, await EntriesAsync(coop, "A2"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Midtrans_RefundBeforeItsSettlement_BooksTheDepositThenTheReversal()
    {
        var coop = await CooperativeWithProvidersAsync();
        await AddReferenceAsync(coop, "A3", "midtrans", "KSP-A3-*");
        var orderId = Unique("KSP-A3-");
        MidtransKnows(MidtransBody("midtrans-partial-refund.json", orderId));

        await SendOkAsync(coop, Midtrans(coop.Id, MidtransBody("midtrans-partial-refund.json", orderId)));
        await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("midtrans", orderId));
        await SendOkAsync(coop, Midtrans(coop.Id, MidtransBody("midtrans-settlement.json", orderId)));
        await fixture.Service<PaymentIntake>().SweepPendingPaymentsAsync();

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Reversal("midtrans", orderId, "90001"))).GetProperty("status").GetString());
        Assert.Equal(130_000, await BalanceAsync(coop, "A3"));
        Assert.Equal(2, await EntriesAsync(coop, "A3"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Midtrans_ForgedSignature_Is401WithNothingStoredOrQueued()
    {
        var coop = await CooperativeWithProvidersAsync();
        await AddReferenceAsync(coop, "A4", "midtrans", "KSP-A4-*");
        var orderId = Unique("KSP-A4-");
        var forged = Load("midtrans-settlement.json");
        forged["order_id"] = orderId;
        var body = SignMidtrans(forged, "SB-Mid-server-guessed-key");

        await Problem.AssertAsync(await fixture.Client().SendAsync(Midtrans(coop.Id, body)), HttpStatusCode.Unauthorized, "unauthorized");
        var tampered = JsonNodeWith(MidtransBody("midtrans-settlement.json", orderId), "gross_amount", "9150000.00");
        await Problem.AssertAsync(await fixture.Client().SendAsync(Midtrans(coop.Id, tampered)), HttpStatusCode.Unauthorized, "unauthorized");

        await Task.Delay(500);
        Assert.Equal(HttpStatusCode.NotFound, (await coop.Admin.GetAsync($"/api/transactions/{Deposit("midtrans", orderId)}")).StatusCode);
        Assert.Equal(0, (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/payments/unmatched")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, await BalanceAsync(coop, "A4"));
    }

    [Fact]
    public async Task Webhook_SignedForOneCooperativeSentToAnother_Is401LikeAnUnknownOrUnconfiguredOne()
    {
        var coop = await CooperativeWithProvidersAsync();
        var other = await fixture.NewCooperativeAsync();
        (await other.Admin.PutAsJsonAsync("/api/providers/midtrans", new { serverKey = "SB-Mid-server-OTHER-TEST-ONLY-0000" })).EnsureSuccessStatusCode();
        var unconfigured = await fixture.NewCooperativeAsync();
        var body = MidtransBody("midtrans-settlement.json", Unique("KSP-X-"));

        foreach (var target in new[] { other.Id, unconfigured.Id, "nosuchcooperative" })
        {
            await Problem.AssertAsync(await fixture.Client().SendAsync(Midtrans(target, body)), HttpStatusCode.Unauthorized, "unauthorized");
            await Problem.AssertAsync(await fixture.Client().SendAsync(Xendit(target, Load("xendit-invoice-paid.json").ToJsonString())), HttpStatusCode.Unauthorized, "unauthorized");
            await Problem.AssertAsync(await fixture.Client().SendAsync(Standard(target, "msg_x", StandardEvent("payment.succeeded", "p", "r", 1000), DateTimeOffset.UtcNow)),
                HttpStatusCode.Unauthorized, "unauthorized");
        }
        await Problem.AssertAsync(await fixture.Client().SendAsync(Xendit(coop.Id, Load("xendit-invoice-paid.json").ToJsonString(), "xnd-wrong-token")),
            HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Xendit_InvoicePaidAndVirtualAccountPayment_MatchExactReferences_AndPostOnce()
    {
        var coop = await CooperativeWithProvidersAsync();
        var externalId = Unique("KSP-INV-B1-");
        await AddReferenceAsync(coop, "B1", "xendit", externalId, "simpanan_wajib");
        var va = "8808" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999);
        await AddReferenceAsync(coop, "B2", "xendit", va);
        var invoice = Load("xendit-invoice-paid.json");
        invoice["id"] = Unique("inv_");
        invoice["external_id"] = externalId;
        var payment = Load("xendit-fva-payment.json");
        payment["payment_id"] = Unique("fva_pay_");
        payment["account_number"] = va;
        fixture.Xendit.Know($"/v2/invoices/{invoice["id"]}", invoice.DeepClone());
        fixture.Xendit.Know($"/callback_virtual_account_payments/payment_id={payment["payment_id"]}", payment.DeepClone());

        await SendOkAsync(coop, Xendit(coop.Id, invoice.ToJsonString()));
        await SendOkAsync(coop, Xendit(coop.Id, invoice.ToJsonString()));
        await SendOkAsync(coop, Xendit(coop.Id, payment.ToJsonString()));
        invoice["status"] = "SETTLED";
        await SendOkAsync(coop, Xendit(coop.Id, invoice.ToJsonString()));

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("xendit", "inv:" + invoice["id"]))).GetProperty("status").GetString());
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("xendit", "va:" + payment["payment_id"]))).GetProperty("status").GetString());
        Assert.Equal(75_000, await BalanceAsync(coop, "B1", "simpanan_wajib"));
        Assert.Equal(50_000, await BalanceAsync(coop, "B2"));
        var trial = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance?asOf=2026-12-31");
        Assert.Contains(trial.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("code").GetString() == "kliring_xendit" && a.GetProperty("balance").GetInt64() == 125_000);
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Xendit_NotJsonOrOversizedOrFractionalAmount_AreProblems()
    {
        var coop = await CooperativeWithProvidersAsync();
        var fractional = Load("xendit-invoice-paid.json");
        fractional["paid_amount"] = 75000.5;

        await Problem.AssertAsync(await fixture.Client().SendAsync(Xendit(coop.Id, "status=PAID&amount=1")), HttpStatusCode.BadRequest, "malformed_json");
        await Problem.AssertAsync(await fixture.Client().SendAsync(Xendit(coop.Id, "{\"id\": \"x\"}")), HttpStatusCode.BadRequest, "invalid_notification");
        await Problem.AssertAsync(await fixture.Client().SendAsync(Xendit(coop.Id, fractional.ToJsonString())), HttpStatusCode.BadRequest, "invalid_notification");
        await Problem.AssertAsync(await fixture.Client().SendAsync(Xendit(coop.Id, "{\"pad\":\"" + new string('x', 1024 * 1024) + "\"}")),
            HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Standard_UnmatchedPaymentThenAssignedTwice_PostsOnce()
    {
        var coop = await CooperativeWithProvidersAsync();
        await coop.AddMemberAsync("E1");
        var paymentId = Unique("pay_");
        var body = StandardEvent("payment.succeeded", paymentId, Unique("UNKNOWN-REF-"), 40_000);
        await SendOkAsync(coop, Standard(coop.Id, Unique("msg_"), body, DateTimeOffset.UtcNow));

        var unmatched = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/payments/unmatched")).GetProperty("items");
        var item = Assert.Single(unmatched.EnumerateArray());
        Assert.Equal((40_000, "standard:koperasi_pay", paymentId), (item.GetProperty("amount").GetInt64(), item.GetProperty("provider").GetString(), item.GetProperty("providerPaymentId").GetString()));
        var id = item.GetProperty("id").GetString();
        var reader = await coop.ClientWithRoleAsync("reader");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/payments/unmatched/{id}/assign", new { memberId = "E1", account = "simpanan_sukarela" })).StatusCode);

        var first = await coop.Admin.PostAsJsonAsync($"/api/payments/unmatched/{id}/assign", new { memberId = "E1", account = "simpanan_sukarela" });
        var second = await coop.Admin.PostAsJsonAsync($"/api/payments/unmatched/{id}/assign", new { memberId = "E1", account = "simpanan_sukarela" });
        var elsewhere = await coop.Admin.PostAsJsonAsync($"/api/payments/unmatched/{id}/assign", new { memberId = "E1", account = "simpanan_wajib" });
        await SendOkAsync(coop, Standard(coop.Id, Unique("msg_"), body, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await Problem.AssertAsync(elsewhere, HttpStatusCode.Conflict, "payment_already_assigned");
        var transactionId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transactionId").GetString()!;
        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, transactionId)).GetProperty("status").GetString());
        Assert.Equal(40_000, await BalanceAsync(coop, "E1"));
        Assert.Equal(1, await EntriesAsync(coop, "E1"));
        Assert.Equal(0, (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/payments/unmatched")).GetProperty("items").GetArrayLength());
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Standard_RefundedMessageRedelivered_IsReversedOnce()
    {
        var coop = await CooperativeWithProvidersAsync();
        var reference = Unique("KSP-E2-");
        await AddReferenceAsync(coop, "E2", "standard:koperasi_pay", reference);
        var paymentId = Unique("pay_");
        await SendOkAsync(coop, Standard(coop.Id, Unique("msg_"), StandardEvent("payment.succeeded", paymentId, reference, 40_000), DateTimeOffset.UtcNow));
        await ApiFixture.WaitForStatusAsync(coop.Admin, Deposit("standard:koperasi_pay", paymentId));

        var refund = StandardEvent("payment.refunded", paymentId, reference, 15_000, "2026-11-02T09:00:00+07:00");
        var webhookId = Unique("msg_");
        await SendOkAsync(coop, Standard(coop.Id, webhookId, refund, DateTimeOffset.UtcNow));
        await SendOkAsync(coop, Standard(coop.Id, webhookId, refund, DateTimeOffset.UtcNow));

        Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, Reversal("standard:koperasi_pay", paymentId, webhookId))).GetProperty("status").GetString());
        Assert.Equal(25_000, await BalanceAsync(coop, "E2"));
        Assert.Equal(2, await EntriesAsync(coop, "E2"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Standard_StaleTimestampOrOnlyAnOldKey_Is401_TwoSignaturesDuringRotation_Is200()
    {
        var coop = await CooperativeWithProvidersAsync();
        var body = StandardEvent("payment.succeeded", Unique("pay_"), Unique("NOREF-"), 1_000);

        await Problem.AssertAsync(await fixture.Client().SendAsync(Standard(coop.Id, "msg_stale", body, DateTimeOffset.UtcNow.AddMinutes(-6))), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.AssertAsync(await fixture.Client().SendAsync(Standard(coop.Id, "msg_old", body, DateTimeOffset.UtcNow, OldStandardSecret)), HttpStatusCode.Unauthorized, "unauthorized");
        await SendOkAsync(coop, Standard(coop.Id, "msg_rotating", body, DateTimeOffset.UtcNow, OldStandardSecret, StandardSecret));
        var notJson = Standard(coop.Id, "msg_text", "not json at all", DateTimeOffset.UtcNow);
        await Problem.AssertAsync(await fixture.Client().SendAsync(notJson), HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task PaymentReference_TakenByAnotherMember_IsConflict_SameAgain_IsFine()
    {
        var coop = await fixture.NewCooperativeAsync();
        await AddReferenceAsync(coop, "F1", "xendit", "VA-0001");
        await coop.AddMemberAsync("F2");

        var again = await coop.Admin.PostAsJsonAsync("/api/members/F1/payment-references", new { provider = "xendit", reference = "VA-0001", account = "simpanan_sukarela" });
        var taken = await coop.Admin.PostAsJsonAsync("/api/members/F2/payment-references", new { provider = "xendit", reference = "VA-0001", account = "simpanan_sukarela" });
        var invalid = await coop.Admin.PostAsJsonAsync("/api/members/F2/payment-references", new { provider = "paypal", reference = "a/b", account = "simpanan_emas" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await Problem.AssertAsync(taken, HttpStatusCode.Conflict, "payment_reference_taken");
        var problem = await Problem.AssertAsync(invalid, HttpStatusCode.BadRequest, "invalid_payment_reference");
        Assert.Equal(3, problem.GetProperty("errors").EnumerateObject().Count());
    }

    private static string JsonNodeWith(string json, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }
}
