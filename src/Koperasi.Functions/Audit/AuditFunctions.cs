using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Audit;

public sealed class AuditFunctions(ApiEndpoint endpoint, AuditQueries queries)
{
    /// <summary>Admin, and the supervisor (whose every GET passes; see <see cref="ApiEndpoint"/>).</summary>
    [Function(nameof(ListAudit))]
    public Task<IActionResult> ListAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await queries.TrailAsync(caller.CooperativeId, QueryDates.Read(request, "from"), QueryDates.Read(request, "to"),
                Text(request, "actor"), Text(request, "kind"), Paging.From(request), cancellationToken)));

    [Function(nameof(GetMonthlyRoot))]
    public Task<IActionResult> GetMonthlyRoot(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/ledger/roots/{period}")] HttpRequest request, string period, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await queries.RootAsync(caller.CooperativeId, period, cancellationToken)));

    [Function(nameof(GetMemberProof))]
    public Task<IActionResult> GetMemberProof(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/proof/{period}")] HttpRequest request, string id, string period,
        CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await queries.ProofAsync(caller.CooperativeId, id, period, cancellationToken)));

    private static string? Text(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } value ? value : null;
}
