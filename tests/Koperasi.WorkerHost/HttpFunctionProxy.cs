using System.Text.Json;
using Koperasi.WorkerHost.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Koperasi.WorkerHost;

/// <summary>
/// HTTP triggers the way the host serves a worker that declares the <c>HttpUri</c> capability (the ASP.NET Core
/// integration): the host routes the request to its function (<c>/{routePrefix}/{route}</c>, the declared methods),
/// sends an InvocationRequest whose HTTP input is empty (the worker reads the real request) with the route values
/// as trigger metadata, and forwards the request itself to the worker's own HTTP server with the invocation id in
/// <c>x-ms-invocation-id</c> and <c>X-Forwarded-*</c> headers (as YARP adds them); the worker's answer goes back
/// to the caller. A failed invocation becomes a 500, as the host reports an unhandled function error.
/// </summary>
public sealed class HttpFunctionProxy(Uri workerHttpUri, Func<InvocationRequest, CancellationToken, Task<WorkerInvocation>> invoke) : IDisposable
{
    public const string CorrelationHeader = "x-ms-invocation-id";
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

    public static string Pattern(WorkerFunction function, string routePrefix)
    {
        var route = function.Trigger.Get("route") ?? function.Name;
        return routePrefix.Length == 0 ? "/" + route : $"/{routePrefix}/{route}";
    }

    public void Map(WebApplication app, IEnumerable<WorkerFunction> functions, string routePrefix)
    {
        foreach (var function in functions.Where(f => f.Trigger.Type == "httpTrigger"))
        {
            var methods = function.Trigger.GetList("methods").Select(m => m.ToUpperInvariant()).ToArray();
            var endpoint = methods.Length == 0
                ? app.Map(Pattern(function, routePrefix), (HttpContext context) => ServeAsync(function, context))
                : app.MapMethods(Pattern(function, routePrefix), methods, (HttpContext context) => ServeAsync(function, context));
            endpoint.WithDisplayName(function.Name);
        }
    }

    public static InvocationRequest Request(WorkerFunction function, HttpContext context)
    {
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.FunctionId, TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { Http = new RpcHttp() } });
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = value.ToString() };
            }
        }
        request.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        request.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) };
        return request;
    }

    private async Task ServeAsync(WorkerFunction function, HttpContext context)
    {
        var request = Request(function, context);
        using var forward = Forward(context, request.InvocationId);
        // The host starts forwarding before it sends the invocation: the worker pairs the two by invocation id.
        var answer = client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var invocation = await invoke(request, context.RequestAborted);
        if (!invocation.Succeeded)
        {
            // Whatever the worker's HTTP side made of it, the caller gets the host's answer to a failed function.
            _ = answer.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        using var response = await answer;
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private HttpRequestMessage Forward(HttpContext context, string invocationId)
    {
        var incoming = context.Request;
        var target = new Uri(workerHttpUri, incoming.PathBase + incoming.Path + incoming.QueryString);
        var message = new HttpRequestMessage(new HttpMethod(incoming.Method), target) { Version = new Version(1, 1) };
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(incoming.Body);
        }
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()) && message.Content is not null)
            {
                message.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        message.Headers.TryAddWithoutValidation(CorrelationHeader, invocationId);
        message.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());
        message.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        return message;
    }

    public void Dispose() => client.Dispose();
}
