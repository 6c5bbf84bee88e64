using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Support;

/// <summary>An <see cref="IActionResult"/> executed on a <see cref="DefaultHttpContext"/>: what a host would send, without a host.</summary>
public sealed record ExecutedResult(int Status, string? ContentType, string? Location, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public static async Task<ExecutedResult> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return new ExecutedResult(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
            System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
