using Azure.Core;
using Azure.Core.Pipeline;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// Holds the first entity-group transaction that names <paramref name="partition"/> before it is sent, until
/// <see cref="Release"/>: a fold kept in flight on purpose, so that a test can queue others behind it.
/// </summary>
public sealed class HoldFirstBatch(string partition) : HttpPipelinePolicy
{
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int taken;

    /// <summary>Completes when the first such transaction has reached this policy and waits.</summary>
    public Task Held => held.Task;

    public void Release() => released.TrySetResult();

    /// <summary>The app's storage calls are asynchronous; a synchronous one passes unheld.</summary>
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsBatchOfPartition(message.Request) && Interlocked.Exchange(ref taken, 1) == 0)
        {
            held.TrySetResult();
            await released.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        await ProcessNextAsync(message, pipeline);
    }

    private bool IsBatchOfPartition(Request request)
    {
        if (!request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return false;
        }
        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Contains(partition, StringComparison.Ordinal);
    }
}
