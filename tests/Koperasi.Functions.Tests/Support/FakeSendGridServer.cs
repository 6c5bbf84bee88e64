using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// A stand-in for SendGrid's v3 Mail Send on a loopback port: answers each request with the next scripted reply
/// (202 with an <c>X-Message-Id</c> once the script is used up) and keeps every request it got.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> script = new();
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private int accepted;

    public sealed record ReceivedMail(string Path, string? Authorization, JsonElement Body, DateTimeOffset At);

    private FakeSendGridServer(WebApplication app) => this.app = app;

    public string Host => app.Urls.First();

    public IReadOnlyList<ReceivedMail> Received => received.ToList();

    public static async Task<FakeSendGridServer> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSendGridServer(app);
        app.MapPost("/v3/mail/send", async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            server.received.Enqueue(new ReceivedMail(context.Request.Path, context.Request.Headers.Authorization, body.RootElement.Clone(), clock.GetUtcNow()));
            if (server.script.TryDequeue(out var reply))
            {
                await reply(context.Response);
                return;
            }
            context.Response.StatusCode = 202;
            context.Response.Headers["X-Message-Id"] = $"fake-{Interlocked.Increment(ref server.accepted)}";
        });
        await app.StartAsync();
        return server;
    }

    public void ThenRateLimited(DateTimeOffset reset) => script.Enqueue(async response =>
    {
        response.StatusCode = 429;
        response.Headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.WriteAsync("""{"errors":[{"message":"too many requests"}]}""");
    });

    public void ThenError(int status, string message) => script.Enqueue(async response =>
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { message, field = "from", help = (string?)null } } }));
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
