using System.Globalization;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Books.Reports;

/// <summary>Reads the <c>year</c> query parameter of a fiscal-year report (four digits; the range is checked by the report).</summary>
public static class ReportYear
{
    public static int? Read(HttpRequest request)
    {
        var raw = request.Query["year"].ToString();
        if (raw.Length == 0)
        {
            return null;
        }
        return raw.Length == 4 && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? year
            : throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { ["year"] = ["must be a year like 2026"] }));
    }
}
