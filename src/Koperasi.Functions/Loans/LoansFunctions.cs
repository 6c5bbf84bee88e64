using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Loans;

public sealed class LoansFunctions(ApiEndpoint endpoint, LoanProductStore products, LoanLifecycle lifecycle, TimeProvider time)
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
