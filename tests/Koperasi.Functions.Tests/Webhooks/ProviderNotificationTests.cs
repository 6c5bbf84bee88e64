using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Webhooks;

namespace Koperasi.Functions.Tests.Webhooks;

public sealed class ProviderNotificationTests
{
    [Fact]
    public void Midtrans_SettlementSample_IsMoneyAtSettlementTimeInGmtPlus7()
    {
        var n = MidtransNotification.Read(Parse(WebhookSamples.Load("midtrans-settlement.json").ToJsonString()));

        Assert.Equal(new PaymentReceipt(150_000, new DateTimeOffset(2026, 10, 31, 16, 30, 0, TimeSpan.Zero)), n.Paid);
        Assert.Equal(["KSP-A001-2026-10", "8800000000000001"], n.References);
        Assert.Empty(n.Refunds);
    }

    [Theory]
    [InlineData("pending", null)]
    [InlineData("expire", null)]
    [InlineData("cancel", null)]
    [InlineData("deny", null)]
    [InlineData("capture", "challenge")]
    public void Midtrans_StatusWithoutMoney_HasNoReceipt(string status, string? fraud)
    {
        var sample = WebhookSamples.Load("midtrans-settlement.json");
        sample["transaction_status"] = status;
        sample["fraud_status"] = fraud;
        sample.Remove("settlement_time");

        Assert.Null(MidtransNotification.Read(Parse(sample.ToJsonString())).Paid);
    }

    [Fact]
    public void Midtrans_CaptureAccepted_IsMoney()
    {
        var sample = WebhookSamples.Load("midtrans-settlement.json");
        sample["transaction_status"] = "capture";
        sample.Remove("settlement_time");

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 10, 5, TimeSpan.Zero), MidtransNotification.Read(Parse(sample.ToJsonString())).Paid!.PaidAt);
    }

    [Fact]
    public void Midtrans_PartialRefundSample_CarriesEachRefundsIdentity()
    {
        var n = MidtransNotification.Read(Parse(WebhookSamples.Load("midtrans-partial-refund.json").ToJsonString()));

        Assert.Equal(PaymentNotification.Refunded, n.Rank);
        var refund = Assert.Single(n.Refunds);
        Assert.Equal(("90001", 20_000L), (refund.RefundId, refund.Amount));
        Assert.NotNull(n.Paid);
    }

    [Theory]
    [InlineData("\"24145.00\"", 24145)]
    [InlineData("\"24145\"", 24145)]
    [InlineData("24145", 24145)]
    [InlineData("24145.0", 24145)]
    public void Amount_WholeRupiahForms_AreAccepted(string json, long expected)
    {
        Assert.True(ProviderFields.TryAmount(Parse(json), out var amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("\"24145.50\"")]
    [InlineData("24145.5")]
    [InlineData("\"-5\"")]
    [InlineData("0")]
    [InlineData("1e5")]
    [InlineData("\"Rp24.145\"")]
    public void Amount_OtherFractionsOrForms_AreRejected(string json) => Assert.False(ProviderFields.TryAmount(Parse(json), out _));

    [Fact]
    public void Midtrans_GrossAmountWithAFraction_IsAProblemNamingTheField()
    {
        var sample = WebhookSamples.Load("midtrans-settlement.json");
        sample["gross_amount"] = "150000.50";

        var problem = Assert.Throws<ApiProblemException>(() => MidtransNotification.Read(Parse(sample.ToJsonString()))).Problem;

        Assert.Equal(400, problem.Status);
        Assert.Contains("gross_amount", problem.Errors!.Keys);
    }

    [Fact]
    public void Xendit_Samples_AreReadAsMoneyInUtc()
    {
        var invoice = XenditCallback.Read(Parse(WebhookSamples.Load("xendit-invoice-paid.json").ToJsonString()))!;
        var va = XenditCallback.Read(Parse(WebhookSamples.Load("xendit-fva-payment.json").ToJsonString()))!;
        var capture = XenditCallback.Read(Parse(WebhookSamples.Load("xendit-payment-capture.json").ToJsonString()))!;

        Assert.Equal(new PaymentReceipt(75_000, new DateTimeOffset(2026, 10, 31, 16, 30, 0, TimeSpan.Zero)), invoice.Paid);
        Assert.Equal(["KSP-INV-B002-2026-10"], invoice.References);
        Assert.Equal(new PaymentReceipt(50_000, new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero)), va.Paid);
        Assert.Equal(["8808999900000003", "fva-anggota-C003"], va.References);
        Assert.Equal(new PaymentReceipt(25_000, new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero)), capture.Paid);
        Assert.Equal(["KSP-D004-2026-11"], capture.References);
    }

    [Fact]
    public void Xendit_ExpiredInvoice_IsRecordedWithoutMoney()
    {
        var sample = WebhookSamples.Load("xendit-invoice-paid.json");
        sample["status"] = "EXPIRED";
        sample.Remove("paid_at");
        sample.Remove("paid_amount");

        Assert.Null(XenditCallback.Read(Parse(sample.ToJsonString()))!.Paid);
    }

    [Fact]
    public void Standard_Sample_IsMoney_AndARefundIsIdentifiedByItsWebhookId()
    {
        var paid = StandardWebhookEvent.Read(Parse(WebhookSamples.Load("standard-payment-succeeded.json").ToJsonString()), "koperasi_pay", "msg_1")!;
        var refund = StandardWebhookEvent.Read(Parse(WebhookSamples.StandardEvent("payment.refunded", "p1", "r1", 500)), "koperasi_pay", "msg_2")!;

        Assert.Equal(("standard:koperasi_pay", 40_000L), (paid.Source, paid.Paid!.Amount));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 59, 0, TimeSpan.Zero), paid.Paid.PaidAt);
        Assert.Equal(new RefundNotice("msg_2", 500, new DateTimeOffset(2026, 11, 1, 4, 59, 0, TimeSpan.Zero)), Assert.Single(refund.Refunds));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
