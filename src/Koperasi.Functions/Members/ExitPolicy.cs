using System.Text.Json;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Members;

/// <summary>The body and answer of <c>/api/exit-policy</c>: what a member's exit does about loans still owed (<c>refuse</c> or <c>settle</c>).</summary>
public sealed record ExitPolicy(ExitLoanPolicy ActiveLoans)
{
    private static readonly string[] Choices = ["refuse", "settle"];

    public static ExitPolicy Read(JsonElement body)
    {
        var fields = new JsonFields(body, "activeLoans");
        var choice = fields.OneOf("activeLoans", required: true, Choices);
        fields.ThrowIfInvalid();
        return new ExitPolicy(choice == "settle" ? ExitLoanPolicy.Settle : ExitLoanPolicy.Refuse);
    }
}
