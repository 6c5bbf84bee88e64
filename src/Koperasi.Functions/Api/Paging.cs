using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Api;

/// <summary>The list conventions: <c>?limit=</c> (default 100, max 1,000) and <c>?continuationToken=</c>.</summary>
public sealed record Paging(int Limit, string? ContinuationToken)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static Paging From(HttpRequest request)
    {
        var limit = DefaultLimit;
        var raw = request.Query["limit"].ToString();
        if (raw.Length > 0 && (!int.TryParse(raw, out limit) || limit < 1 || limit > MaxLimit))
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { ["limit"] = [$"must be a whole number from 1 to {MaxLimit}"] }));
        }
        var token = request.Query["continuationToken"].ToString();
        return new Paging(limit, token.Length == 0 ? null : token);
    }
}
