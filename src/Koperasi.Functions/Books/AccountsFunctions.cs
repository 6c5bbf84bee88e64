using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Books;

public sealed class AccountsFunctions(ApiEndpoint endpoint, ChartOfAccountsStore charts)
{
    [Function(nameof(PutAccount))]
    public Task<IActionResult> PutAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/accounts/{code}")] HttpRequest request, string code, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await charts.PutAsync(caller.CooperativeId, AccountRequest.Read(code, await RequestBody.ReadObjectAsync(request, cancellationToken)), cancellationToken)));

    [Function(nameof(ListAccounts))]
    public Task<IActionResult> ListAccounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await charts.ListAsync(caller.CooperativeId, cancellationToken)));
}
