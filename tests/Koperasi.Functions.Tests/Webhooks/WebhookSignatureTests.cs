using System.Text;
using Koperasi.Functions.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace Koperasi.Functions.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"payment.succeeded","data":{"paymentId":"p1","reference":"r","amount":1000,"paidAt":"2026-11-01T00:00:00Z"}}""");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Midtrans_SignatureFromTheDocumentedFormula_Verifies()
    {
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(Encoding.UTF8.GetBytes("order-1" + "200" + "24145.00" + "key-1")));

        Assert.True(MidtransSignature.Verify("order-1", "200", "24145.00", "key-1", signature));
    }

    [Theory]
    [InlineData("order-1", "200", "24145.0", "key-1")]   // the amount as another string
    [InlineData("order-2", "200", "24145.00", "key-1")]
    [InlineData("order-1", "201", "24145.00", "key-1")]
    [InlineData("order-1", "200", "24145.00", "key-2")]
    public void Midtrans_AnyFieldOrKeyDifferent_DoesNotVerify(string orderId, string statusCode, string gross, string key) =>
        Assert.False(MidtransSignature.Verify(orderId, statusCode, gross, key, MidtransSignature.Compute("order-1", "200", "24145.00", "key-1")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("abcd")]
    public void Midtrans_MissingOrMalformedSignature_DoesNotVerify(string? signature) =>
        Assert.False(MidtransSignature.Verify("order-1", "200", "24145.00", "key-1", signature));

    [Fact]
    public void Xendit_SameToken_Verifies_OtherOrMissing_DoesNot()
    {
        Assert.True(XenditCallbackToken.Verify("token-abc", "token-abc"));
        Assert.False(XenditCallbackToken.Verify("token-abc", "token-abd"));
        Assert.False(XenditCallbackToken.Verify("token-abc", "token-ab"));
        Assert.False(XenditCallbackToken.Verify("token-abc", null));
    }

    [Fact]
    public void Standard_SignatureFromTheDocumentedFormula_Verifies()
    {
        var key = Encoding.ASCII.GetBytes("TEST-ONLY-standard-webhooks-key!");
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"msg_1.{timestamp}."), .. Body]);

        Assert.True(StandardWebhookSignature.Verify(WebhookSamples.StandardSecret, "msg_1", timestamp.ToString(), "v1," + Convert.ToBase64String(mac), Body, clock.GetUtcNow()));
    }

    [Fact]
    public void Standard_KeyRotation_AnyOfSeveralSignaturesMatching_Verifies()
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var header = StandardWebhookSignature.Sign(WebhookSamples.OldStandardSecret, "msg_1", timestamp, Body) + " " +
            StandardWebhookSignature.Sign(WebhookSamples.StandardSecret, "msg_1", timestamp, Body);

        Assert.True(StandardWebhookSignature.Verify(WebhookSamples.StandardSecret, "msg_1", timestamp.ToString(), header, Body, clock.GetUtcNow()));
        Assert.True(StandardWebhookSignature.Verify(WebhookSamples.OldStandardSecret, "msg_1", timestamp.ToString(), header, Body, clock.GetUtcNow()));
    }

    [Fact]
    public void Standard_OtherIdOrBodyOrSecret_DoesNotVerify()
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var header = StandardWebhookSignature.Sign(WebhookSamples.StandardSecret, "msg_1", timestamp, Body);

        Assert.False(StandardWebhookSignature.Verify(WebhookSamples.StandardSecret, "msg_2", timestamp.ToString(), header, Body, clock.GetUtcNow()));
        Assert.False(StandardWebhookSignature.Verify(WebhookSamples.StandardSecret, "msg_1", timestamp.ToString(), header, [.. Body, (byte)' '], clock.GetUtcNow()));
        Assert.False(StandardWebhookSignature.Verify(WebhookSamples.OldStandardSecret, "msg_1", timestamp.ToString(), header, Body, clock.GetUtcNow()));
        Assert.False(StandardWebhookSignature.Verify(WebhookSamples.StandardSecret, "msg_1", timestamp.ToString(), "v2," + header[3..], Body, clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void Standard_TimestampOutsideFiveMinutes_DoesNotVerify(int offsetSeconds, bool expected)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;
        var header = StandardWebhookSignature.Sign(WebhookSamples.StandardSecret, "msg_1", timestamp, Body);

        Assert.Equal(expected, StandardWebhookSignature.Verify(WebhookSamples.StandardSecret, "msg_1", timestamp.ToString(), header, Body, clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("sk_live_abc")]
    public void Standard_SecretNotWhsecBase64_HasNoKey(string secret) => Assert.Null(StandardWebhookSignature.KeyOf(secret));
}
