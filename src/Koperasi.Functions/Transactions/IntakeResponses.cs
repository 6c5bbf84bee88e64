using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Mvc;

namespace Koperasi.Functions.Transactions;

/// <summary>Maps the intake of a single transaction to its HTTP answer.</summary>
public static class IntakeResponses
{
    public static IActionResult Single(IntakeResult result) => result switch
    {
        { Status: IntakeResult.Queued } => ApiResults.Accepted(new { result.Id, result.Status }, $"/api/transactions/{result.Id}"),
        { Status: IntakeResult.Conflict } => ApiResults.Problem(ApiProblem.Conflict("transaction_conflict",
            $"Transaction '{result.Id}' was already sent with other content; use a new id for a new transaction.")),
        { Code: "unknown_member" } => ApiResults.Problem(ApiProblem.Unprocessable("unknown_member",
            "The member does not exist in this cooperative.", result.Errors)),
        _ => ApiResults.Problem(ApiProblem.Validation("invalid_transaction", "The transaction is not valid.", result.Errors!)),
    };
}
