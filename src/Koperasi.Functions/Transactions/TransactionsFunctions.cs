using System.Text.Json;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Transactions;

public sealed class TransactionsFunctions(ApiEndpoint endpoint, TransactionIntake intake, TransactionStatusReader statuses, PostingReviews reviews)
{
    [Function(nameof(PostTransactions))]
    public Task<IActionResult> PostTransactions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/transactions")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Teller, async caller =>
        {
            using var body = await RequestBody.ReadJsonAsync(request, cancellationToken: cancellationToken);
            return body.RootElement.ValueKind == JsonValueKind.Array
                ? ApiResults.Accepted(new { Results = await intake.AcceptBatchAsync(caller.CooperativeId, body.RootElement, cancellationToken) })
                : IntakeResponses.Single(await intake.AcceptAsync(caller.CooperativeId, body.RootElement, cancellationToken));
        });

    [Function(nameof(GetTransaction))]
    public Task<IActionResult> GetTransaction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/transactions/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await statuses.FindAsync(caller.CooperativeId, id, cancellationToken) is { } status
                ? ApiResults.Json(status)
                : ApiResults.Problem(ApiProblem.NotFound("transaction_not_found", $"No transaction '{id}' in this cooperative.")));

    [Function(nameof(ListTransactions))]
    public Task<IActionResult> ListTransactions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/transactions")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await reviews.ListAsync(caller.CooperativeId, request.Query["status"].FirstOrDefault(), Paging.From(request), cancellationToken)));
}
