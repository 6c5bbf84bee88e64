namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Midtrans' Get Status API, <c>GET {base}/v2/{order_id}/status</c> with <c>Authorization: Basic base64(ServerKey + ":")</c>:
/// the answer carries the same fields as a notification (<c>transaction_status</c>, <c>gross_amount</c>, <c>refunds</c>, and
/// a <c>signature_key</c> made the same way). A named client of the factory (a fresh HttpClient per call, pooled handlers): base address and timeout come from <c>Providers:Midtrans</c>.
/// </summary>
public sealed class MidtransStatusApi(IHttpClientFactory factory)
{
    public const string ClientName = "midtrans-api";

    public async Task<ProviderAnswer> GetStatusAsync(string orderId, string serverKey, CancellationToken cancellationToken = default)
    {
        var answer = await ProviderAnswer.GetAsync(factory.CreateClient(ClientName), $"v2/{Uri.EscapeDataString(orderId)}/status", serverKey, cancellationToken);
        // Midtrans answers an unknown order with HTTP 200 and status_code "404" in the body.
        return answer.Status == ProviderAnswerStatus.Found && answer.Body.ValueKind == System.Text.Json.JsonValueKind.Object &&
            answer.Body.TryGetProperty("status_code", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String && code.GetString() == "404"
            ? ProviderAnswer.NotFound("Midtrans does not know this order")
            : answer;
    }
}
