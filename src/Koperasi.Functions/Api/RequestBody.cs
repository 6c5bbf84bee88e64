using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Api;

/// <summary>Reads a request body as JSON with a size limit, answering 413 and 400 problems instead of throwing raw errors.</summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;
    private const int MaxDepth = 16;

    public static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes = MaxBytes, CancellationToken cancellationToken = default)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ApiProblemException(ApiProblem.PayloadTooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ApiProblemException(ApiProblem.PayloadTooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, int maxBytes = MaxBytes, CancellationToken cancellationToken = default)
        => ParseJson(await ReadAsync(request, maxBytes, cancellationToken));

    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("malformed_json", "The request body is empty; send a JSON document."));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new ApiProblemException(ApiProblem.BadRequest("malformed_json", $"The request body is not valid JSON{where}."));
        }
        if (!HasValidText(body.Span))
        {
            document.Dispose();
            throw new ApiProblemException(ApiProblem.BadRequest("malformed_json", "The request body is not valid UTF-8 text (or escapes a lone surrogate)."));
        }
        return document;
    }

    // JsonDocument.Parse does not check the text inside strings; reading such a string later throws
    // InvalidOperationException, which would be a 500 for bad input. Refuse it here, once, for every field.
    private static bool HasValidText(ReadOnlySpan<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return false;
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    reader.GetString();
                }
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads a JSON object body into a typed request using <see cref="JsonFields"/> checks.</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        using var document = await ReadJsonAsync(request, cancellationToken: cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("malformed_json", "The request body must be a JSON object."));
        }
        return document.RootElement.Clone();
    }
}
