using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Ledger;

public sealed class LedgerFunctions(ApiEndpoint endpoint, LedgerQueries queries)
{
    [Function(nameof(GetMemberBalances))]
    public Task<IActionResult> GetMemberBalances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/balances")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await queries.BalancesAsync(caller.CooperativeId, id, QueryDates.Read(request, "asOf"), cancellationToken)));

    [Function(nameof(GetMemberLedger))]
    public Task<IActionResult> GetMemberLedger(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/ledger")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await queries.MemberLedgerAsync(caller.CooperativeId, id,
                QueryDates.Read(request, "from"), QueryDates.Read(request, "to"), Paging.From(request), cancellationToken)));

    [Function(nameof(GetTrialBalance))]
    public Task<IActionResult> GetTrialBalance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/ledger/trial-balance")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await queries.TrialBalanceAsync(caller.CooperativeId, QueryDates.Read(request, "asOf"), cancellationToken)));

    [Function(nameof(CheckLedger))]
    public Task<IActionResult> CheckLedger(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/ledger/check")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            ApiResults.Json(await queries.AuditAsync(caller.CooperativeId, cancellationToken)));
}
