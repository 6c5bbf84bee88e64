using Azure.Core;
using Azure.Core.Pipeline;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>Records the first request a client sends, then stops it: no traffic leaves the process.</summary>
internal sealed class RequestCapturingPolicy : HttpPipelinePolicy
{
    public Uri? Uri { get; private set; }

    public string? Authorization { get; private set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => Capture(message);

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Capture(message);
        return ValueTask.CompletedTask;
    }

    private void Capture(HttpMessage message)
    {
        Uri ??= message.Request.Uri.ToUri();
        if (Authorization is null && message.Request.Headers.TryGetValue("Authorization", out var authorization))
        {
            Authorization = authorization;
        }
        throw new RequestCapturedException();
    }
}
