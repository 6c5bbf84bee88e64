using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Transactions;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Books;

/// <summary>The optional body of <c>POST /api/journal-entries/{id}/reverse</c>: <c>{occurredAt?, description?}</c> (an empty body is fine).</summary>
public sealed record JournalReversalRequest(DateTimeOffset? OccurredAt, string? Description)
{
    public static async Task<JournalReversalRequest> ReadAsync(HttpRequest request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var bytes = await RequestBody.ReadAsync(request, cancellationToken: cancellationToken);
        if (bytes.Length == 0)
        {
            return new JournalReversalRequest(null, null);
        }
        using var document = RequestBody.ParseJson(bytes);
        var fields = new JsonFields(document.RootElement, "occurredAt", "description");
        var occurredAt = fields.Instant("occurredAt", required: false);
        if (occurredAt is { } at && at > now + TransactionValidator.MaxAhead)
        {
            fields.Add("occurredAt", "is more than a day in the future; check the date and year");
        }
        var description = fields.String("description", required: false, maxLength: TransactionValidator.MaxDescription);
        fields.ThrowIfInvalid();
        return new JournalReversalRequest(occurredAt, string.IsNullOrWhiteSpace(description) ? null : description.Trim());
    }
}
