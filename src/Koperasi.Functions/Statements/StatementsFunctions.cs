using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Statements;

public sealed class StatementsFunctions(ApiEndpoint endpoint, StatementRuns runs)
{
    [Function(nameof(StartStatementRun))]
    public Task<IActionResult> StartStatementRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/statements/{period}/run")] HttpRequest request, string period, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Accepted(await runs.StartByHandAsync(caller.CooperativeId, RoutePeriods.Read(period), cancellationToken), $"/api/statements/{period}"));

    [Function(nameof(GetStatementRun))]
    public Task<IActionResult> GetStatementRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/statements/{period}")] HttpRequest request, string period, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await runs.ProgressAsync(caller.CooperativeId, RoutePeriods.Read(period), cancellationToken) is { } progress
                ? ApiResults.Json(progress)
                : ApiResults.Problem(ApiProblem.NotFound("statement_run_not_found", $"No statement run has started for {period}.")));

    [Function(nameof(GetMemberStatement))]
    public Task<IActionResult> GetMemberStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/statements/{period}")] HttpRequest request, string id, string period, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
        {
            var statement = await runs.ReadAsync(caller.CooperativeId, id, RoutePeriods.Read(period), cancellationToken);
            return WantsHtml(request)
                ? new ContentResult { Content = StatementHtml.Render(statement), ContentType = "text/html; charset=utf-8", StatusCode = 200 }
                : ApiResults.Json(statement);
        });

    [Function(nameof(ResendMemberStatement))]
    public Task<IActionResult> ResendMemberStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{id}/statements/{period}/resend")] HttpRequest request, string id, string period, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Accepted(await runs.ResendAsync(caller.CooperativeId, id, RoutePeriods.Read(period), cancellationToken), $"/api/members/{id}/statements/{period}"));

    /// <summary>HTML only when the caller prefers it to JSON (a browser); JSON otherwise.</summary>
    private static bool WantsHtml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var html = Quality("text/html");
        return html > 0 && html >= Quality("application/json");
    }
}
