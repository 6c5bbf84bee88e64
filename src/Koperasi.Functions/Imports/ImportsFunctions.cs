using Azure.Storage.Queues.Models;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Imports;

public sealed class ImportsFunctions(ApiEndpoint endpoint, ImportIntake intake, ImportStore imports, ImportChunks chunks, IOptions<QueueOptions> queues)
{
    [Function(nameof(GetImportTemplateCsv))]
    public Task<IActionResult> GetImportTemplateCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/imports/templates/{name}.csv")] HttpRequest request, string name)
        => endpoint.RunAsync(request, Role.Reader, _ => Task.FromResult<IActionResult>(SheetDownload.Csv(Template(name), "template-" + name)));

    [Function(nameof(GetImportTemplateXlsx))]
    public Task<IActionResult> GetImportTemplateXlsx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/imports/templates/{name}.xlsx")] HttpRequest request, string name)
        => endpoint.RunAsync(request, Role.Reader, _ => Task.FromResult<IActionResult>(SheetDownload.Xlsx(Template(name), "template-" + name)));

    [Function(nameof(ImportMembers))]
    public Task<IActionResult> ImportMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/imports/members")] HttpRequest request, CancellationToken cancellationToken)
        => StartAsync(request, ImportKinds.Members, cancellationToken);

    [Function(nameof(ImportOpeningBalances))]
    public Task<IActionResult> ImportOpeningBalances(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/imports/opening-balances")] HttpRequest request, CancellationToken cancellationToken)
        => StartAsync(request, ImportKinds.OpeningBalances, cancellationToken);

    [Function(nameof(ImportLoans))]
    public Task<IActionResult> ImportLoans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/imports/loans")] HttpRequest request, CancellationToken cancellationToken)
        => StartAsync(request, ImportKinds.Loans, cancellationToken);

    [Function(nameof(GetImport))]
    public Task<IActionResult> GetImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/imports/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await imports.FindAsync(caller.CooperativeId, id, cancellationToken) is { } status
                ? ApiResults.Json(status)
                : ApiResults.Problem(ApiProblem.NotFound("import_not_found", $"No import '{id}' in this cooperative.")));

    [Function(nameof(ProcessImportChunk))]
    public Task ProcessImportChunk(
        [QueueTrigger(StorageNames.ImportsQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => chunks.ProcessAsync(message.Body.ToString(), message.DequeueCount, queues.Value.MaxDequeueCount, cancellationToken);

    private Task<IActionResult> StartAsync(HttpRequest request, string kind, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
        {
            var (answer, refused) = await intake.StartAsync(caller.CooperativeId, kind, request.ContentType,
                await RequestBody.ReadAsync(request, ImportIntake.MaxBytes, cancellationToken), ImportResults.Flag(request, "dryRun"),
                ImportResults.Flag(request, "skipInvalid"), QueryDates.Read(request, "asOf"), cancellationToken);
            return ImportResults.From(answer, refused);
        });

    private static SheetTable Template(string name) => ImportTemplates.Find(name)
        ?? throw new ApiProblemException(ApiProblem.NotFound("template_not_found", $"There is no template '{name}'; the templates are members, opening-balances and loans."));
}
