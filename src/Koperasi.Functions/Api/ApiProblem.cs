namespace Koperasi.Functions.Api;

/// <summary>An RFC 7807 problem the API answers with: a status, a stable code, and per-field errors for validation.</summary>
public sealed record ApiProblem(int Status, string Code, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static ApiProblem Validation(string code, string detail, IReadOnlyDictionary<string, string[]> errors)
        => new(400, code, "The request is not valid.", detail, errors);

    public static ApiProblem BadRequest(string code, string detail) => new(400, code, "The request is not valid.", detail);

    public static ApiProblem Unauthorized(string detail = "Send 'Authorization: Bearer <api key>' with a valid key.")
        => new(401, "unauthorized", "Authentication is required.", detail);

    public static ApiProblem Forbidden(string detail) => new(403, "forbidden", "This key may not do that.", detail);

    public static ApiProblem NotFound(string code, string detail) => new(404, code, "Not found.", detail);

    public static ApiProblem Conflict(string code, string detail) => new(409, code, "Conflict.", detail);

    public static ApiProblem PayloadTooLarge(long limit)
        => new(413, "payload_too_large", "The request body is too large.", $"The body must be at most {limit} bytes.");

    public static ApiProblem Unprocessable(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        => new(422, code, "The request cannot be processed.", detail, errors);

    public static ApiProblem ServiceUnavailable(string code, string detail) => new(503, code, "The service is unavailable.", detail);

    public static ApiProblem Internal() => new(500, "internal_error", "An unexpected error occurred.", "The error was logged; try again later.");
}
