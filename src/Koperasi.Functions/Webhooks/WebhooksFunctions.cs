using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Webhooks;

/// <summary>The providers' notification URLs: no bearer key, each call is authenticated by its signature or token.</summary>
public sealed class WebhooksFunctions(ApiEndpoint endpoint, WebhookReceiver receiver)
{
    [Function(nameof(MidtransWebhook))]
    public Task<IActionResult> MidtransWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/midtrans/{cooperativeId}")] HttpRequest request, string cooperativeId, CancellationToken cancellationToken)
        => endpoint.RunAnonymousAsync(request, () => receiver.MidtransAsync(cooperativeId, request, cancellationToken));

    [Function(nameof(XenditWebhook))]
    public Task<IActionResult> XenditWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/xendit/{cooperativeId}")] HttpRequest request, string cooperativeId, CancellationToken cancellationToken)
        => endpoint.RunAnonymousAsync(request, () => receiver.XenditAsync(cooperativeId, request, cancellationToken));

    [Function(nameof(StandardWebhook))]
    public Task<IActionResult> StandardWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/standard/{cooperativeId}/{name}")] HttpRequest request, string cooperativeId, string name, CancellationToken cancellationToken)
        => endpoint.RunAnonymousAsync(request, () => receiver.StandardAsync(cooperativeId, name, request, cancellationToken));
}
