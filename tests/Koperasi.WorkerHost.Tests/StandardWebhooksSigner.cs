using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Koperasi.WorkerHost.Tests;

/// <summary>
/// Signs a call as a Standard Webhooks sender does (standardwebhooks.com): <c>v1,</c> + base64 of HMAC-SHA256 over
/// <c>{id}.{timestamp}.{body}</c> with the secret's bytes (the base64 after <c>whsec_</c>). Written from the
/// specification, not from the app's code, so the test checks the app against the standard.
/// </summary>
public static class StandardWebhooksSigner
{
    public static HttpRequestMessage Request(string path, string secret, string webhookId, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + signature);
        return request;
    }
}
