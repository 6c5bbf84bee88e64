using System.Text.Json;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Mvc;

namespace Koperasi.Functions.Imports;

/// <summary>How the import routes answer: 200 for a dry run, 202 with a Location for an import, 422 problem details listing the bad rows.</summary>
public static class ImportResults
{
    public static IActionResult From(ImportAnswer answer, bool refused)
    {
        if (!refused)
        {
            return answer.Id is { } id ? ApiResults.Accepted(answer, $"/api/imports/{id}") : ApiResults.Json(answer);
        }
        var body = new Dictionary<string, object?>
        {
            ["type"] = "https://koperasi.dev/problems/invalid-rows",
            ["title"] = "The file has rows that cannot be imported.",
            ["status"] = 422,
            ["detail"] = $"{answer.Invalid} of {answer.Rows} rows cannot be imported, so nothing was imported. Correct them, or send ?skipInvalid=true to import the other rows.",
            ["code"] = "invalid_rows",
            ["rowErrors"] = answer.Errors,
        };
        return new ContentResult
        {
            StatusCode = 422,
            ContentType = ApiResults.ProblemContentType + "; charset=utf-8",
            Content = JsonSerializer.Serialize(body, ApiJson.Options),
        };
    }

    public static bool Flag(Microsoft.AspNetCore.Http.HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        return raw.Length == 0 ? false : bool.TryParse(raw, out var value) ? value
            : throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { [name] = ["must be true or false"] }));
    }
}
