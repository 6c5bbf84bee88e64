using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Transaction bodies for intake tests: a valid one, changed field by field, as JSON text.</summary>
public static class TransactionJson
{
    public const string OccurredAt = "2026-10-31T09:30:00+08:00";

    public static JsonObject Valid(string id, string memberId) => new()
    {
        ["id"] = id,
        ["memberId"] = memberId,
        ["kind"] = "deposit",
        ["account"] = "simpanan_sukarela",
        ["amount"] = 25_000,
        ["occurredAt"] = OccurredAt,
        ["reference"] = "SETOR-" + id,
        ["description"] = "Setoran sukarela",
    };

    /// <summary>A valid transaction with one field set to raw JSON (e.g. <c>"25000.5"</c>), or removed when <paramref name="json"/> is null.</summary>
    public static string With(string id, string memberId, string field, string? json)
    {
        var body = Valid(id, memberId);
        body.Remove(field);
        if (json is not null)
        {
            body[field] = JsonNode.Parse(json);
        }
        return body.ToJsonString();
    }

    public static string Batch(IEnumerable<JsonObject> items) => new JsonArray(items.Select(i => (JsonNode)i).ToArray()).ToJsonString();

    public static HttpContent Content(string json) => Content(Encoding.UTF8.GetBytes(json));

    public static HttpContent Content(byte[] body, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
