using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Koperasi.Functions.Api;

/// <summary>The JSON results every HTTP function answers with, the same under both hosts.</summary>
public static class ApiResults
{
    public const string ProblemContentType = "application/problem+json";

    public static IActionResult Json(object value, int status = 200) => new JsonBodyResult(value, status, "application/json");

    public static IActionResult Created(object value, string location) => new JsonBodyResult(value, 201, "application/json", location);

    public static IActionResult Accepted(object value, string? location = null) => new JsonBodyResult(value, 202, "application/json", location);

    public static IActionResult NoContent() => new NoContentResult();

    public static IActionResult Problem(ApiProblem problem)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://koperasi.dev/problems/{problem.Code.Replace('_', '-')}",
            ["title"] = problem.Title,
            ["status"] = problem.Status,
            ["detail"] = problem.Detail,
            ["code"] = problem.Code,
        };
        if (problem.Errors is { Count: > 0 })
        {
            body["errors"] = problem.Errors;
        }
        return new JsonBodyResult(body, problem.Status, ProblemContentType);
    }

    /// <summary>The status a result answers with (a result that does not say answers 200).</summary>
    public static int StatusOf(IActionResult result) => result is IStatusCodeActionResult { StatusCode: { } status } ? status : 200;

    /// <summary>The body of a JSON result, or null.</summary>
    public static object? ValueOf(IActionResult result) => result is JsonBodyResult json ? json.Value : null;

    /// <summary>Serializes with the API's own JSON options, so the answer does not depend on the host's MVC settings.</summary>
    private sealed class JsonBodyResult(object value, int status, string contentType, string? location = null) : IStatusCodeActionResult
    {
        public int? StatusCode => status;

        public object Value => value;

        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType + "; charset=utf-8";
            if (location is not null)
            {
                response.Headers.Location = location;
            }
            await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, value, value.GetType(), ApiJson.Options, context.HttpContext.RequestAborted);
        }
    }
}
