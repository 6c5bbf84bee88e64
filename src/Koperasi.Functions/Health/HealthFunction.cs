using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Health;

public sealed class HealthFunction(ApiEndpoint endpoint, StorageHealth health)
{
    [Function(nameof(Health))]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAnonymousAsync(request, async () => await health.IsReachableAsync(cancellationToken)
            ? ApiResults.Json(new { Status = "ok", Storage = "reachable" })
            : ApiResults.Problem(ApiProblem.ServiceUnavailable("storage_unreachable", "Storage did not answer; the API cannot accept work right now.")));
}
