using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Failures;

public sealed class FailuresFunctions(ApiEndpoint endpoint, FailureStore failures)
{
    [Function(nameof(ListFailures))]
    public Task<IActionResult> ListFailures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/failures")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await failures.ListAsync(caller.CooperativeId, Paging.From(request), caller.May(Role.Admin), cancellationToken)));

    [Function(nameof(ReplayFailure))]
    public Task<IActionResult> ReplayFailure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/failures/{id}/replay")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            await failures.ReplayAsync(caller.CooperativeId, id, cancellationToken) is { } record
                ? ApiResults.Accepted(record)
                : ApiResults.Problem(ApiProblem.NotFound("failure_not_found", $"No failure '{id}' in this cooperative.")));

    [Function(nameof(ListPlatformFailures))]
    public Task<IActionResult> ListPlatformFailures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/platform/failures")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsPlatformAdminAsync(request, async () =>
            ApiResults.Json(await failures.ListAsync(FailureStore.PlatformPartition, Paging.From(request), fullErrors: true, cancellationToken)));
}
