using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Api;

/// <summary>Reads a request body as JSON with a size limit, answering 413 and 400 problems instead of throwing raw errors.</summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

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
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new ApiProblemException(ApiProblem.BadRequest("malformed_json", $"The request body is not valid JSON{where}."));
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
