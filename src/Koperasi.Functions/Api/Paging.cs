using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Api;

/// <summary>
/// The list conventions: <c>?limit=</c> (default 100, max 1,000) and <c>?continuationToken=</c>, an opaque token the
/// list gave out. The reader of each list decodes its own tokens; anything it did not give out is
/// <see cref="InvalidToken"/> (400), and so is a token longer than <see cref="MaxTokenLength"/>.
/// </summary>
public sealed record Paging(int Limit, string? ContinuationToken)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    /// <summary>Far more than any token we give out (Table Storage keys are at most 1 KiB each); a longer one is refused before it reaches storage.</summary>
    public const int MaxTokenLength = 4096;

    public static ApiProblemException InvalidToken() =>
        new(ApiProblem.BadRequest("invalid_continuation_token", "The continuationToken is not one this API gave out."));

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
        if (token.Length > MaxTokenLength)
        {
            throw InvalidToken();
        }
        return new Paging(limit, token.Length == 0 ? null : token);
    }
}
