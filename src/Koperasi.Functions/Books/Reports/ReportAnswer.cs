using Koperasi.Functions.Api;
using Koperasi.Functions.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Picks a report's format and answers with it: <c>?format=json|html|csv</c> when given (a link or a script), else the
/// best of <c>Accept</c>'s <c>application/json</c>, <c>text/html</c> and <c>text/csv</c> (JSON on a tie or when none is named).
/// </summary>
public static class ReportAnswer
{
    public static ReportFormat FormatOf(HttpRequest request)
    {
        var asked = request.Query["format"].ToString();
        if (asked.Length > 0)
        {
            return asked switch
            {
                "json" => ReportFormat.Json,
                "html" => ReportFormat.Html,
                "csv" => ReportFormat.Csv,
                _ => throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                    new Dictionary<string, string[]> { ["format"] = ["must be json, html or csv"] })),
            };
        }
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var (json, html, csv) = (Quality("application/json"), Quality("text/html"), Quality("text/csv"));
        return html > json && html >= csv ? ReportFormat.Html : csv > json && csv > html ? ReportFormat.Csv : ReportFormat.Json;
    }

    public static IActionResult Of(ReportFormat format, FinancialPosition report) => Of(format, report, () => ReportHtml.Render(report), () => ReportSheets.Of(report));

    public static IActionResult Of(ReportFormat format, IncomeReport report) => Of(format, report, () => ReportHtml.Render(report), () => ReportSheets.Of(report));

    public static IActionResult Of(ReportFormat format, EquityChanges report) => Of(format, report, () => ReportHtml.Render(report), () => ReportSheets.Of(report));

    private static IActionResult Of(ReportFormat format, object report, Func<string> html, Func<(SheetTable Table, string FileName)> sheet)
    {
        switch (format)
        {
            case ReportFormat.Html:
                return new ContentResult { Content = html(), ContentType = "text/html; charset=utf-8", StatusCode = 200 };
            case ReportFormat.Csv:
                var (table, file) = sheet();
                return SheetDownload.Csv(table, file);
            default:
                return ApiResults.Json(report);
        }
    }
}
