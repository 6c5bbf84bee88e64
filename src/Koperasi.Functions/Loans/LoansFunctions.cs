using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Loans;

public sealed class LoansFunctions(ApiEndpoint endpoint, LoanProductStore products, LoanLifecycle lifecycle, LoanServicing servicing, TimeProvider time)
{
    [Function(nameof(PutLoanProduct))]
    public Task<IActionResult> PutLoanProduct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/loan-products/{code}")] HttpRequest request, string code, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await products.PutAsync(caller.CooperativeId,
                LoanProductRequest.Read(code, await RequestBody.ReadObjectAsync(request, cancellationToken), time.GetUtcNow()), cancellationToken)));

    [Function(nameof(ListLoanProducts))]
    public Task<IActionResult> ListLoanProducts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/loan-products")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await products.ListAsync(caller.CooperativeId, Paging.From(request), cancellationToken)));

    [Function(nameof(SubmitLoan))]
    public Task<IActionResult> SubmitLoan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/loans")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Teller, async caller =>
            Answer(await lifecycle.SubmitAsync(caller, LoanApplication.Read(await RequestBody.ReadObjectAsync(request, cancellationToken)), cancellationToken), created: true));

    [Function(nameof(ApproveLoan))]
    public Task<IActionResult> ApproveLoan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/loans/{id}/approve")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await lifecycle.ApproveAsync(caller, id, cancellationToken)));

    [Function(nameof(RejectLoan))]
    public Task<IActionResult> RejectLoan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/loans/{id}/reject")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await lifecycle.RejectAsync(caller, id, LoanLifecycle.ReadReason(await RequestBody.ReadObjectAsync(request, cancellationToken)), cancellationToken)));

    [Function(nameof(DisburseLoan))]
    public Task<IActionResult> DisburseLoan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/loans/{id}/disburse")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await servicing.DisburseAsync(caller, id, LoanServicing.ReadOccurredAt(await RequestBody.ReadObjectAsync(request, cancellationToken), time.GetUtcNow()), cancellationToken)));

    [Function(nameof(WriteOffLoan))]
    public Task<IActionResult> WriteOffLoan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/loans/{id}/write-off")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await servicing.WriteOffAsync(caller, id, LoanWriteOffRequest.Read(await RequestBody.ReadObjectAsync(request, cancellationToken)), cancellationToken)));

    [Function(nameof(WaiveLoanPenalty))]
    public Task<IActionResult> WaiveLoanPenalty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/loans/{id}/waive-penalty")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await servicing.WaivePenaltyAsync(caller, id, PenaltyWaiverRequest.Read(await RequestBody.ReadObjectAsync(request, cancellationToken)), cancellationToken)));

    [Function(nameof(GetLoanPayoff))]
    public Task<IActionResult> GetLoanPayoff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/loans/{id}/payoff")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await servicing.PayoffAsync(caller.CooperativeId, id, QueryDates.Read(request, "asOf"), cancellationToken) switch
            {
                ({ } quote, _) => ApiResults.Json(quote),
                (_, var problem) => ApiResults.Problem(problem!),
            });

    [Function(nameof(GetLoanArrears))]
    public Task<IActionResult> GetLoanArrears(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/loans/arrears")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await servicing.ArrearsAsync(caller.CooperativeId, QueryDates.Read(request, "asOf"), cancellationToken)));

    [Function(nameof(GetLoan))]
    public Task<IActionResult> GetLoan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/loans/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await lifecycle.FindAsync(caller.CooperativeId, id, QueryDates.Read(request, "asOf"), cancellationToken) is { } loan
                ? ApiResults.Json(loan)
                : ApiResults.Problem(LoanLifecycle.NotFound(id)));

    [Function(nameof(ListMemberLoans))]
    public Task<IActionResult> ListMemberLoans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/loans")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await lifecycle.ListForMemberAsync(caller.CooperativeId, id, Paging.From(request), cancellationToken) is { } page
                ? ApiResults.Json(page)
                : ApiResults.Problem(MembersFunctions.MemberNotFound(id)));

    [Function(nameof(ListLoans))]
    public Task<IActionResult> ListLoans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/loans")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await lifecycle.ListAsync(caller.CooperativeId, LoanQuery.Status(request), Paging.From(request), cancellationToken)));

    private static IActionResult Answer(LoanOutcome outcome, bool created = false) => outcome switch
    {
        { Problem: { } problem } => ApiResults.Problem(problem),
        { Loan: { } loan } when created => ApiResults.Created(loan, $"/api/loans/{loan.Id}"),
        { Loan: { } loan } => ApiResults.Json(loan),
        _ => throw new InvalidOperationException("A loan outcome carries a loan or a problem."),
    };
}
