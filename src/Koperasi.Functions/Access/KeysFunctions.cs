using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Access;

public sealed class KeysFunctions(ApiEndpoint endpoint, ApiKeyStore keys, CallerAuthenticator authenticator)
{
    [Function(nameof(CreateKey))]
    public Task<IActionResult> CreateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/keys")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
        {
            var wanted = KeyRequest.Read(await RequestBody.ReadObjectAsync(request, cancellationToken));
            var (key, token) = await keys.CreateAsync(caller.CooperativeId, wanted.Name, wanted.Role, cancellationToken);
            return ApiResults.Created(new { key.Id, key.Name, key.Role, Key = token.ToString() }, $"/api/keys/{key.Id}");
        });

    [Function(nameof(ListKeys))]
    public Task<IActionResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/keys")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await keys.ListAsync(caller.CooperativeId, Paging.From(request), cancellationToken)));

    [Function(nameof(RevokeKey))]
    public Task<IActionResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/keys/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
        {
            if (!await keys.DeleteAsync(caller.CooperativeId, id, cancellationToken))
            {
                return ApiResults.Problem(ApiProblem.NotFound("key_not_found", $"No key '{id}' in this cooperative."));
            }
            authenticator.Forget(caller.CooperativeId, id);
            return ApiResults.NoContent();
        });
}
