using System.Text.Json;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Loans;

/// <summary>The body of <c>POST /api/loans/{id}/write-off</c>: why (required), and when (now if absent).</summary>
public sealed record LoanWriteOffRequest(string Reason, DateTimeOffset? OccurredAt)
{
    public static LoanWriteOffRequest Read(JsonElement body)
    {
        var fields = new JsonFields(body, "reason", "occurredAt");
        var reason = LoanLifecycle.ReadReason(fields);
        var occurredAt = fields.Instant("occurredAt", required: false);
        fields.ThrowIfInvalid();
        return new LoanWriteOffRequest(reason!, occurredAt);
    }
}
