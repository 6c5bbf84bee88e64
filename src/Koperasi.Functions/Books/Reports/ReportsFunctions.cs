using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Books.Reports;

/// <summary>The SAK EP reports (any role), as JSON, HTML or CSV (<see cref="ReportAnswer"/>).</summary>
public sealed class ReportsFunctions(ApiEndpoint endpoint, BookReports reports)
{
    [Function(nameof(GetFinancialPosition))]
    public Task<IActionResult> GetFinancialPosition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/financial-position")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller => ReportAnswer.Of(ReportAnswer.FormatOf(request),
            await reports.FinancialPositionAsync(caller.CooperativeId, QueryDates.Read(request, "asOf"), cancellationToken)));

    [Function(nameof(GetIncomeReport))]
    public Task<IActionResult> GetIncomeReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/income")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller => ReportAnswer.Of(ReportAnswer.FormatOf(request),
            await reports.IncomeAsync(caller.CooperativeId, QueryDates.Read(request, "from"), QueryDates.Read(request, "to"), cancellationToken)));

    [Function(nameof(GetEquityChanges))]
    public Task<IActionResult> GetEquityChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/equity-changes")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller => ReportAnswer.Of(ReportAnswer.FormatOf(request),
            await reports.EquityChangesAsync(caller.CooperativeId, ReportYear.Read(request), cancellationToken)));
}
