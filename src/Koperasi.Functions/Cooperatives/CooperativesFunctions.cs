using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Cooperatives;

public sealed class CooperativesFunctions(ApiEndpoint endpoint, CooperativeRegistration registration, CooperativeStore cooperatives)
{
    [Function(nameof(CreateCooperative))]
    public Task<IActionResult> CreateCooperative(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cooperatives")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsPlatformAdminAsync(request, async () =>
        {
            var registered = await registration.RegisterAsync(await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken);
            return ApiResults.Created(registered, "/api/cooperative");
        });

    [Function(nameof(GetCooperative))]
    public Task<IActionResult> GetCooperative(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cooperative")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json((await cooperatives.FindAsync(caller.CooperativeId, cancellationToken))!));
}
