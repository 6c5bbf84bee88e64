using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Providers;

public sealed class ProvidersFunctions(ApiEndpoint endpoint, ProviderCredentials credentials)
{
    [Function(nameof(PutMidtransCredentials))]
    public Task<IActionResult> PutMidtransCredentials(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/providers/midtrans")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await credentials.SetMidtransAsync(caller.CooperativeId, await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken)));

    [Function(nameof(PutXenditCredentials))]
    public Task<IActionResult> PutXenditCredentials(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/providers/xendit")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await credentials.SetXenditAsync(caller.CooperativeId, await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken)));

    [Function(nameof(PutStandardWebhooksCredentials))]
    public Task<IActionResult> PutStandardWebhooksCredentials(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/providers/standard-webhooks/{name}")] HttpRequest request, string name, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await credentials.SetStandardAsync(caller.CooperativeId, name, await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken)));

    [Function(nameof(ListProviders))]
    public Task<IActionResult> ListProviders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/providers")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(new { Items = await credentials.ListAsync(caller.CooperativeId, cancellationToken) }));
}
