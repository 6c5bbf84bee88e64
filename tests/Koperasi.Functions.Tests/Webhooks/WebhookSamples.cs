using System.Text;
using System.Text.Json.Nodes;
using Koperasi.Functions.Webhooks;

namespace Koperasi.Functions.Tests.Webhooks;

/// <summary>The sample notifications (shaped like the providers' docs, made-up data) and the signing the providers do.</summary>
public static class WebhookSamples
{
    public const string MidtransServerKey = "SB-Mid-server-TEST-ONLY-notreal0000";
    public const string XenditToken = "xnd-callback-TEST-ONLY-notreal000000";
    public const string XenditApiKey = "xnd_development_TEST-ONLY-notreal0000000";
    public static readonly string StandardSecret = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("TEST-ONLY-standard-webhooks-key!"));
    public static readonly string OldStandardSecret = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("TEST-ONLY-old-standard-key-0000!"));
    public const string StandardName = "koperasi_pay";

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Samples", name)))!.AsObject();

    /// <summary>Signs a Midtrans notification the way Midtrans does and returns the body to send.</summary>
    public static string SignMidtrans(JsonObject notification, string serverKey = MidtransServerKey)
    {
        notification["signature_key"] = MidtransSignature.Compute((string)notification["order_id"]!, (string)notification["status_code"]!,
            (string)notification["gross_amount"]!, serverKey);
        return notification.ToJsonString();
    }

    /// <summary>Where Midtrans' Get Status API answers for an order.</summary>
    public static string MidtransStatusPath(string orderId) => $"/v2/{orderId}/status";

    public static HttpRequestMessage Xendit(string cooperativeId, string body, string token = XenditToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/xendit/{cooperativeId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-callback-token", token);
        return request;
    }

    public static HttpRequestMessage Midtrans(string cooperativeId, string body) =>
        new(HttpMethod.Post, $"/api/webhooks/midtrans/{cooperativeId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpRequestMessage Standard(string cooperativeId, string webhookId, string body, DateTimeOffset at, params string[] secrets)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/standard/{cooperativeId}/{StandardName}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', (secrets.Length == 0 ? [StandardSecret] : secrets)
            .Select(s => StandardWebhookSignature.Sign(s, webhookId, timestamp, Encoding.UTF8.GetBytes(body)))));
        return request;
    }

    public static string StandardEvent(string type, string paymentId, string reference, long amount, string paidAt = "2026-11-01T11:59:00+07:00") =>
        new JsonObject
        {
            ["type"] = type,
            ["data"] = new JsonObject { ["paymentId"] = paymentId, ["reference"] = reference, ["amount"] = amount, ["paidAt"] = paidAt },
        }.ToJsonString();
}
