using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Books;

public sealed class YearCloseFunctions(ApiEndpoint endpoint, YearClose years)
{
    [Function(nameof(CloseYear))]
    public Task<IActionResult> CloseYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/years/{yyyy}/close")] HttpRequest request, string yyyy, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            await years.CloseAsync(caller.CooperativeId, yyyy, cancellationToken) switch
            {
                { Problem: { } problem } => ApiResults.Problem(problem),
                { Closing: { ClosingEntry: { } entry } closing, Created: true } => ApiResults.Created(closing, $"/api/journal-entries/{entry.Id}"),
                { Closing: { } closing } => ApiResults.Json(closing),
                _ => throw new InvalidOperationException("A year close carries its closing or a problem."),
            });
}
