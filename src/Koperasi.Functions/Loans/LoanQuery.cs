using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Loans;

/// <summary>Reads the <c>?status=</c> filter of <c>GET /api/loans</c>.</summary>
public static class LoanQuery
{
    public static LoanStatus? Status(HttpRequest request)
    {
        var raw = request.Query["status"].ToString();
        if (raw.Length == 0)
        {
            return null;
        }
        if (!LoanKeys.TryParseStatus(raw, out var status))
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.", new Dictionary<string, string[]>
            {
                ["status"] = ["must be one of: " + string.Join(", ", Enum.GetValues<LoanStatus>().Select(LoanKeys.StatusName))],
            }));
        }
        return status;
    }
}
