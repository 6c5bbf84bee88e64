using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Koperasi.Functions.Storage;

/// <summary>
/// Counts the table entities storage answered with: one per point read that found its row, the rows of each query
/// page. For point reads and one partition's RowKey range (the only shapes QueryShapeTests lets through) that is what
/// Azure reads to answer; a scan would read more than it returns. For tests and the benchmark, beside <see cref="StorageRequestCounter"/>.
/// </summary>
public sealed class EntityReadCounter : HttpPipelinePolicy
{
    private int entities;

    public int Entities => Volatile.Read(ref entities);

    public void Reset() => Interlocked.Exchange(ref entities, 0);

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

    private void Count(HttpMessage message)
    {
        var kind = StorageRequestCounter.KindOf(message.Request);
        if (!message.HasResponse || message.Response.Status != 200 || message.Response.Content is null)
        {
            return;
        }
        if (kind == "GET table entity")
        {
            Interlocked.Increment(ref entities);
        }
        else if (kind == "GET table query")
        {
            using var body = JsonDocument.Parse(message.Response.Content.ToMemory());
            if (body.RootElement.TryGetProperty("value", out var rows))
            {
                Interlocked.Add(ref entities, rows.GetArrayLength());
            }
        }
    }
}
