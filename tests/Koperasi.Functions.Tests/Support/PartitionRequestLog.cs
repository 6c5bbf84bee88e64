using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// Records every table request that names a partition (in a query's filter or an entity-group transaction's body),
/// with its kind (<see cref="StorageRequestCounter.KindOf"/>) and the status storage answered, so a test can count
/// what one partition cost, a failed transaction included.
/// </summary>
public sealed class PartitionRequestLog(string partition) : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(string Kind, int Status)> requests = new();

    public IReadOnlyList<(string Kind, int Status)> Requests => requests.ToArray();

    public void Reset() => requests.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var names = Names(message.Request);
        ProcessNext(message, pipeline);
        Record(message, names);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var names = Names(message.Request);
        await ProcessNextAsync(message, pipeline);
        Record(message, names);
    }

    private void Record(HttpMessage message, bool names)
    {
        if (names)
        {
            // A batch answers 202 as a whole; the status of its failed change is inside the body.
            var status = message.HasResponse ? message.Response.Status : 0;
            if (status == 202 && message.Response.Content.ToString() is { } body &&
                System.Text.RegularExpressions.Regex.Match(body, @"HTTP/1\.1 (4\d\d)") is { Success: true } failed)
            {
                status = int.Parse(failed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            requests.Enqueue((StorageRequestCounter.KindOf(message.Request), status));
        }
    }

    private bool Names(Request request)
    {
        if (Uri.UnescapeDataString(request.Uri.ToUri().ToString()).Contains(partition, StringComparison.Ordinal))
        {
            return true;
        }
        if (request.Content is null)
        {
            return false;
        }
        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Contains(partition, StringComparison.Ordinal);
    }
}
