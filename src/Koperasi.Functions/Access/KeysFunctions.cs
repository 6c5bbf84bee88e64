using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Access;

public sealed class KeysFunctions(ApiEndpoint endpoint, ApiKeyStore keys, CallerAuthenticator authenticator)
{
    private static readonly string[] Roles = ["reader", "teller", "admin"];

    [Function(nameof(CreateKey))]
    public Task<IActionResult> CreateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "keys")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
        {
            var fields = new JsonFields(await RequestBody.ReadObjectAsync(request, cancellationToken), "name", "role");
            var name = fields.String("name", required: true, maxLength: 100);
            var role = fields.OneOf("role", required: true, Roles);
            fields.ThrowIfInvalid();
            var (key, token) = await keys.CreateAsync(caller.CooperativeId, name!, Enum.Parse<Role>(role!, ignoreCase: true), cancellationToken);
            return ApiResults.Created(new { key.Id, key.Name, key.Role, Key = token.ToString() }, $"/api/keys/{key.Id}");
        });

    [Function(nameof(ListKeys))]
    public Task<IActionResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "keys")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await keys.ListAsync(caller.CooperativeId, Paging.From(request), cancellationToken)));

    [Function(nameof(RevokeKey))]
    public Task<IActionResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "keys/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
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
