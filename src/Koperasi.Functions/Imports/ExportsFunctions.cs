using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Imports;

public sealed class ExportsFunctions(ApiEndpoint endpoint, Exports exports)
{
    [Function(nameof(ExportCsv))]
    public Task<IActionResult> ExportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exports/{name}.csv")] HttpRequest request, string name, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
        {
            var (table, file) = await exports.TableAsync(caller.CooperativeId, name, ExportQuery.Read(request), cancellationToken);
            return SheetDownload.Csv(table, file);
        });

    [Function(nameof(ExportXlsx))]
    public Task<IActionResult> ExportXlsx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exports/{name}.xlsx")] HttpRequest request, string name, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
        {
            var (table, file) = await exports.TableAsync(caller.CooperativeId, name, ExportQuery.Read(request), cancellationToken);
            return SheetDownload.Xlsx(table, file);
        });

    [Function(nameof(ExportMemberLedgerXlsx))]
    public Task<IActionResult> ExportMemberLedgerXlsx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}/ledger.xlsx")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
        {
            var (table, file) = await exports.MemberLedgerAsync(caller.CooperativeId, id, QueryDates.Read(request, "from"), QueryDates.Read(request, "to"), cancellationToken);
            return SheetDownload.Xlsx(table, file);
        });
}
