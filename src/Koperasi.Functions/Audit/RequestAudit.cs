using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Koperasi.Functions.Audit;

/// <summary>
/// Records every successful change made through the API, from the one place every HTTP function goes through
/// (<see cref="ApiEndpoint"/>): a request whose method is not GET, HEAD or OPTIONS and whose answer is below 400,
/// with the route template as its kind. The actor is the key (id and role), the platform admin, or the provider whose
/// signed webhook it was. Written after the change and whether or not the caller is still listening; if it cannot be
/// written the caller gets the storage error and may repeat the change, which is then recorded.
/// </summary>
public sealed class RequestAudit(AuditTrail trail)
{
    public static bool Changes(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    public Task RecordAsync(HttpRequest request, string function, IActionResult result, Caller caller) =>
        RecordAsync(request, function, result, caller.CooperativeId, caller.KeyId, caller.Role);

    /// <summary>The platform admin's change: recorded in the cooperative it registered.</summary>
    public Task RecordPlatformAsync(HttpRequest request, string function, IActionResult result) =>
        ApiResults.ValueOf(result) is RegisteredCooperative registered
            ? RecordAsync(request, function, result, registered.Id, AuditActors.Platform, null)
            : Task.CompletedTask;

    /// <summary>A request that no key signs (a provider's webhook): the cooperative and the provider come from its route.</summary>
    public Task RecordAnonymousAsync(HttpRequest request, string function, IActionResult result)
    {
        if (FunctionRoutes.RouteOf(function) is not { } template ||
            !FunctionRoutes.Values(template, request.Path).TryGetValue("cooperativeId", out var cooperativeId))
        {
            return Task.CompletedTask;
        }
        var segments = template.Split('/');
        var provider = segments.Length > 2 && segments[1] == "webhooks" ? segments[2] : "anonymous";
        if (FunctionRoutes.Values(template, request.Path).TryGetValue("name", out var name))
        {
            provider += ":" + name;
        }
        return RecordAsync(request, function, result, cooperativeId, provider, null);
    }

    private async Task RecordAsync(HttpRequest request, string function, IActionResult result, string cooperativeId, string actor, Role? role)
    {
        var status = ApiResults.StatusOf(result);
        if (!Changes(request) || status >= 400)
        {
            return;
        }
        var kind = $"{request.Method.ToUpperInvariant()} /{FunctionRoutes.RouteOf(function) ?? request.Path.Value?.TrimStart('/')}";
        await trail.RecordAsync(cooperativeId, actor, role, kind, request.Path.Value ?? "", status, request.HttpContext.TraceIdentifier, CancellationToken.None);
    }
}
