using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// A stand-in for a provider's read API (Midtrans' Get Status, Xendit's GET endpoints) on a loopback port: answers a
/// GET of a path with what the test said the provider knows there (<see cref="Know"/>), else the provider's "not
/// found"; checks HTTP Basic with the key as user name; can be scripted to fail the next calls of a path (5xx, or
/// hang past the client's timeout); and keeps every request it got.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Received> received = new();
    private readonly Func<HttpResponse, Task> notFound;
    private readonly string expectedUser;

    public sealed record Received(string Path, string? Authorization, string? Accept, int Status);

    private FakeProviderServer(WebApplication app, string expectedUser, Func<HttpResponse, Task> notFound) =>
        (this.app, this.expectedUser, this.notFound) = (app, expectedUser, notFound);

    public string BaseUrl => app.Urls.First();

    public IReadOnlyList<Received> Requests(string path) => received.Where(r => r.Path == path).ToList();

    /// <summary>Midtrans: an unknown order is HTTP 200 with <c>status_code: "404"</c> in the body, as the Get Status API answers.</summary>
    public static Task<FakeProviderServer> StartMidtransAsync(string serverKey) => StartAsync(serverKey, response =>
    {
        response.ContentType = "application/json";
        return response.WriteAsync("""{"status_code":"404","status_message":"Transaction doesn't exist.","id":"00000000-0000-0000-0000-000000000000"}""");
    });

    /// <summary>Xendit: an unknown id is HTTP 404 with an error code.</summary>
    public static Task<FakeProviderServer> StartXenditAsync(string apiKey) => StartAsync(apiKey, response =>
    {
        response.StatusCode = 404;
        response.ContentType = "application/json";
        return response.WriteAsync("""{"error_code":"DATA_NOT_FOUND","message":"Data not found"}""");
    });

    private static async Task<FakeProviderServer> StartAsync(string expectedUser, Func<HttpResponse, Task> notFound)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeProviderServer(app, expectedUser, notFound);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>What the provider knows at <paramref name="path"/> (for example <c>/v2/{order_id}/status</c>) from now on.</summary>
    public void Know(string path, JsonNode answer) => known[path] = answer.ToJsonString();

    public void Forget(string path) => known.TryRemove(path, out _);

    /// <summary>The next <paramref name="count"/> calls of the path answer <paramref name="status"/> (503: the provider is down).</summary>
    public void FailNext(string path, int count, int status = 503)
    {
        for (var i = 0; i < count; i++)
        {
            Script(path, context =>
            {
                context.Response.StatusCode = status;
                return context.Response.WriteAsync("""{"status_message":"service unavailable"}""");
            });
        }
    }

    /// <summary>Drops what is left of the path's scripted failures: the provider is back.</summary>
    public void Recover(string path) => scripts.TryRemove(path, out _);

    /// <summary>The next call of the path hangs (until the client gives up or a minute passes).</summary>
    public void HangNext(string path) => Script(path, async context =>
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client timed out and went away, as intended.
        }
    });

    private void Script(string path, Func<HttpContext, Task> reply) => scripts.GetOrAdd(path, _ => new()).Enqueue(reply);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var authorization = context.Request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expectedUser + ":"));
        if (context.Request.Method != "GET" || authorization != expected)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"status_message":"unauthorized"}""");
        }
        else if (scripts.TryGetValue(path, out var script) && script.TryDequeue(out var reply))
        {
            await reply(context);
        }
        else if (known.TryGetValue(path, out var answer))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        }
        else
        {
            await notFound(context.Response);
        }
        received.Enqueue(new Received(path, authorization, context.Request.Headers.Accept.ToString(), context.Response.StatusCode));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
