using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Web;

/// <summary><c>GET /api/session</c>: the caller's role and cooperative, so the page signs in with one request.</summary>
public sealed class SessionFunction(ApiEndpoint endpoint, CooperativeStore cooperatives)
{
    [Function(nameof(GetSession))]
    public Task<IActionResult> GetSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/session")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(new WebSession(caller.Role, caller.KeyId, (await cooperatives.FindAsync(caller.CooperativeId, cancellationToken))!)));
}
