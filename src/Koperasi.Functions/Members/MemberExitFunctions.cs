using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Loans;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Members;

public sealed class MemberExitFunctions(ApiEndpoint endpoint, MemberExit exits, TimeProvider time)
{
    [Function(nameof(GetMemberExitQuote))]
    public Task<IActionResult> GetMemberExitQuote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/exit-quote")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await exits.QuoteAsync(caller.CooperativeId, id, QueryDates.Read(request, "asOf"), cancellationToken) is { } quote
                ? ApiResults.Json(quote)
                : ApiResults.Problem(MembersFunctions.MemberNotFound(id)));

    [Function(nameof(ExitMember))]
    public Task<IActionResult> ExitMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{id}/exit")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            await exits.ExitAsync(caller, id, LoanServicing.ReadOccurredAt(await RequestBody.ReadObjectAsync(request, cancellationToken), time.GetUtcNow()), cancellationToken) switch
            {
                ({ } result, _) => ApiResults.Json(result),
                (_, var problem) => ApiResults.Problem(problem!),
            });

    [Function(nameof(GetExitPolicy))]
    public Task<IActionResult> GetExitPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exit-policy")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller => ApiResults.Json(await exits.PolicyAsync(caller.CooperativeId, cancellationToken)));

    [Function(nameof(PutExitPolicy))]
    public Task<IActionResult> PutExitPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/exit-policy")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await exits.SetPolicyAsync(caller.CooperativeId, ExitPolicy.Read(await RequestBody.ReadObjectAsync(request, cancellationToken)), cancellationToken)));
}
