using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Koperasi.Functions.Storage;

/// <summary>
/// An Azure SDK pipeline policy that counts storage requests by kind (for example <c>POST table $batch</c>),
/// so benchmarks and tests can report what one transaction costs. Register it as an <see cref="HttpPipelinePolicy"/>.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public int Total => counts.Values.Sum();

    public IReadOnlyDictionary<string, int> ByKind => new Dictionary<string, int>(counts);

    public void Reset() => counts.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    /// <summary>An empty receive is idle polling, counted apart so that a figure per transaction can leave it out.</summary>
    public const string IdleReceive = "GET queue messages (empty)";

    private void Count(HttpMessage message)
    {
        var kind = KindOf(message.Request);
        if (kind == "GET queue messages" && message.HasResponse && message.Response.Status == 200 &&
            !(message.Response.Content?.ToString().Contains("<QueueMessage>", StringComparison.Ordinal) ?? false))
        {
            kind = IdleReceive;
        }
        counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>A short name for a request: method, service and what it touched (entity, query, insert, batch, messages, ...).</summary>
    public static string KindOf(Request request)
    {
        var uri = request.Uri.ToUri();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isQueue = uri.Host.Contains(".queue.", StringComparison.Ordinal) || (segments.Length >= 3 && segments[2] == "messages") || uri.Query.Contains("comp=metadata", StringComparison.Ordinal);
        if (isQueue)
        {
            return $"{request.Method} queue {(segments.Length >= 4 ? "message" : segments.Length == 3 ? "messages" : "queue")}";
        }
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : segments.FirstOrDefault() ?? "";
        var what = resource == "$batch" ? "batch"
            : resource.Contains("PartitionKey=", StringComparison.Ordinal) ? "entity"
            : resource.Contains('(') ? "query"
            : resource == "Tables" ? "tables"
            : "insert";
        return $"{request.Method} table {what}";
    }
}
