using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>
/// Records every table request the app makes, with its shape and <c>$filter</c> and what asked for it: the HTTP
/// route being served (from the request's <see cref="HttpContext"/>), else <see cref="Background"/> (queue and timer
/// functions). The LocalHost must register <c>AddHttpContextAccessor()</c> for routes to be known.
/// </summary>
public sealed class QueryShapePolicy : HttpPipelinePolicy
{
    public const string Background = "(queue or timer function)";

    private readonly HttpContextAccessor accessor = new();
    private readonly ConcurrentQueue<QueryRecord> records = new();

    public IReadOnlyList<QueryRecord> Records => records.ToArray();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        if (uri.Host.Contains(".queue.", StringComparison.Ordinal) || uri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) ||
            uri.AbsolutePath.Contains("/messages/", StringComparison.Ordinal) || uri.Query.Contains("comp=metadata", StringComparison.Ordinal))
        {
            return;
        }
        records.Enqueue(new QueryRecord(RouteOf(accessor.HttpContext), QueryShape.Of(message.Request)));
    }

    private static string RouteOf(HttpContext? context) =>
        context?.GetEndpoint() is RouteEndpoint endpoint
            ? $"{context.Request.Method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"
            : context is null ? Background : $"{context.Request.Method} {context.Request.Path}";
}
