using System.Text.Json;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Loans;

/// <summary>
/// The body of <c>POST /api/loans/{id}/waive-penalty</c>: <c>{amount, reason}</c>, and an optional <c>id</c> that makes a
/// retry safe (the same id waives once).
/// </summary>
public sealed record PenaltyWaiverRequest(string? Id, long Amount, string Reason)
{
    public static PenaltyWaiverRequest Read(JsonElement body)
    {
        var fields = new JsonFields(body, "id", "amount", "reason");
        var id = fields.String("id", required: false, maxLength: 64, LoanApplication.LoanIdPattern(), LoanApplication.IdRule);
        var amount = fields.Rupiah("amount", required: true, min: 1, max: LoanApplication.MaxPrincipal);
        var reason = LoanLifecycle.ReadReason(fields);
        fields.ThrowIfInvalid();
        return new PenaltyWaiverRequest(id, amount!.Value, reason!);
    }
}
