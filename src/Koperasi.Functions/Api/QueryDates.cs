using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Api;

/// <summary>Reads calendar-date query parameters (<c>yyyy-MM-dd</c>, in the cooperative's time zone).</summary>
public static class QueryDates
{
    public static DateOnly? Read(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { [name] = ["must be a calendar date like 2026-10-31"] }));
        }
        return date;
    }
}
