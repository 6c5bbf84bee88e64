using Azure.Storage.Queues.Models;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Books;

public sealed class ShuFunctions(ApiEndpoint endpoint, ShuPolicyStore policies, ShuDrafts drafts, ShuDistribution distribution, IOptions<QueueOptions> queues)
{
    [Function(nameof(GetShuPolicy))]
    public Task<IActionResult> GetShuPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/shu/policy")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller => ApiResults.Json(await policies.GetAsync(caller.CooperativeId, cancellationToken)));

    [Function(nameof(PutShuPolicy))]
    public Task<IActionResult> PutShuPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/shu/policy")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await policies.PutAsync(caller.CooperativeId, await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken)));

    [Function(nameof(GetShuDraft))]
    public Task<IActionResult> GetShuDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/years/{yyyy}/shu")] HttpRequest request, string yyyy, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await drafts.DraftAsync(caller.CooperativeId, ShuDrafts.ParseYear(yyyy), cancellationToken)));

    [Function(nameof(DistributeShu))]
    public Task<IActionResult> DistributeShu(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/years/{yyyy}/shu/distribute")] HttpRequest request, string yyyy, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            await distribution.RequestAsync(caller, ShuDrafts.ParseYear(yyyy), cancellationToken) switch
            {
                ({ } status, _) => ApiResults.Accepted(status, $"/api/years/{status.Year}/shu/distribution"),
                (_, var problem) => ApiResults.Problem(problem!),
            });

    [Function(nameof(GetShuDistribution))]
    public Task<IActionResult> GetShuDistribution(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/years/{yyyy}/shu/distribution")] HttpRequest request, string yyyy, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await distribution.StatusAsync(caller.CooperativeId, ShuDrafts.ParseYear(yyyy), cancellationToken) is { } status
                ? ApiResults.Json(status)
                : ApiResults.Problem(ApiProblem.NotFound("distribution_not_found", $"The SHU of {yyyy} has not been distributed (POST /api/years/{yyyy}/shu/distribute).")));

    [Function(nameof(FanOutShuDistribution))]
    public Task FanOutShuDistribution(
        [QueueTrigger(StorageNames.ShuDistributionsQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => distribution.ProcessAsync(message.Body.ToString(), message.DequeueCount, queues.Value.MaxDequeueCount, cancellationToken);
}
