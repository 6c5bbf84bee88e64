using Koperasi.Functions.Api;
using Koperasi.Functions.Books.Reports;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Imports;

/// <summary>
/// The query parameters an export takes, the same as its JSON route's: <c>asOf</c> (members, trial balance, loans,
/// financial position), <c>from</c> and <c>to</c> (journal entries, income), <c>year</c> (equity changes).
/// </summary>
public sealed record ExportQuery(DateOnly? AsOf, DateOnly? From, DateOnly? To, int? Year)
{
    public static ExportQuery Read(HttpRequest request) =>
        new(QueryDates.Read(request, "asOf"), QueryDates.Read(request, "from"), QueryDates.Read(request, "to"), ReportYear.Read(request));
}
