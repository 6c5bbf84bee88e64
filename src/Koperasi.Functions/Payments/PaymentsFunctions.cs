using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Payments;

public sealed class PaymentsFunctions(ApiEndpoint endpoint, PaymentReferences references, PaymentStore payments, PaymentIntake intake)
{
    [Function(nameof(AddPaymentReference))]
    public Task<IActionResult> AddPaymentReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{id}/payment-references")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Teller, async caller =>
            ApiResults.Json(await references.AddAsync(caller.CooperativeId, id, await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken), 201));

    [Function(nameof(ListUnmatchedPayments))]
    public Task<IActionResult> ListUnmatchedPayments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/payments/unmatched")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await payments.ListUnmatchedAsync(caller.CooperativeId, Paging.From(request), cancellationToken)));

    [Function(nameof(AssignUnmatchedPayment))]
    public Task<IActionResult> AssignUnmatchedPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments/unmatched/{id}/assign")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Accepted(await intake.AssignAsync(caller.CooperativeId, id, await RequestBody.ReadObjectAsync(request, cancellationToken), cancellationToken)));
}
