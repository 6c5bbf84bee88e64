using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using Google.Protobuf.WellKnownTypes;
using Koperasi.WorkerHost.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MsgType = Koperasi.WorkerHost.Rpc.StreamingMessage.ContentOneofCase;

namespace Koperasi.WorkerHost;

/// <summary>
/// Runs a published .NET isolated-worker app the way the Azure Functions host does, without the host: a gRPC
/// <c>FunctionRpc</c> server on loopback (HTTP/2 without TLS), the worker process started with the host's arguments
/// and environment, then the protocol's start-up (StartStream, WorkerInitRequest, FunctionsMetadataRequest,
/// FunctionLoadRequest per function) and the triggers: HTTP proxied to the worker (<c>HttpUri</c>), Storage queues
/// polled with host.json's semantics, timers on their schedules. See docs/worker-host.md.
/// </summary>
public sealed partial class FunctionsWorkerHost : IAsyncDisposable
{
    public const string HostVersion = "4.1000.0 (Koperasi.WorkerHost)";
    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromMinutes(5);

    private readonly WorkerHostOptions options;
    private readonly ILogger logger;
    private readonly ILoggerFactory loggerFactory;
    private readonly WorkerChannel channel;
    private readonly WebApplication rpc;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> triggers = [];
    private readonly ConcurrentQueue<WorkerInvocation> invocations = new();
    private readonly Dictionary<string, TimerTriggerSchedule> timers = new(StringComparer.Ordinal);
    private WorkerProcess? worker;
    private WebApplication? http;
    private HttpFunctionProxy? proxy;

    private FunctionsWorkerHost(WorkerHostOptions options, ILoggerFactory loggerFactory)
    {
        this.options = options;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<FunctionsWorkerHost>();
        channel = new WorkerChannel(loggerFactory.CreateLogger<WorkerChannel>());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(channel);
        rpc = builder.Build();
        rpc.MapGrpcService<FunctionRpcService>();
    }

    /// <summary>The functions the worker indexed, each with the bindings it declared, in the worker's order.</summary>
    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    /// <summary>The capabilities the worker answered WorkerInitRequest with.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's metadata (runtime, worker version) from WorkerInitResponse.</summary>
    public WorkerMetadata? WorkerMetadata { get; private set; }

    /// <summary>Where callers reach the HTTP functions.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<WorkerInvocation> Invocations => invocations;

    public string WorkerOutput => worker?.Output ?? "";

    public IReadOnlyCollection<RpcLog> WorkerLogs => channel.Logs;

    public static async Task<FunctionsWorkerHost> StartAsync(WorkerHostOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var host = new FunctionsWorkerHost(options, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fires a timer function once now (what <c>POST /admin/functions/{name}</c> does) and waits for its result.</summary>
    public Task<WorkerInvocation> RunTimerAsync(string functionName, CancellationToken cancellationToken = default) =>
        timers.TryGetValue(functionName, out var timer)
            ? timer.FireNowAsync(cancellationToken)
            : throw new ArgumentException($"'{functionName}' is not a timer function of this app", nameof(functionName));

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        if (!File.Exists(Path.Combine(appDirectory, "functions.metadata")) || !File.Exists(Path.Combine(appDirectory, "worker.config.json")))
        {
            throw new FileNotFoundException($"{appDirectory} is not a published Functions app (no functions.metadata or worker.config.json): run `dotnet publish src/Koperasi.Functions -c Release -o .local/publish` (test.sh does).");
        }
        var configuration = new HostConfiguration(Path.Combine(appDirectory, "host.json"), options.Settings);
        await rpc.StartAsync(cancellationToken);
        var rpcUri = new Uri(Addresses(rpc).Single());

        var workerId = Guid.NewGuid().ToString();
        worker = WorkerProcess.Start(appDirectory, rpcUri, workerId, options.Settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);

        var startedBy = await UntilAsync(channel.Started, "connected (StartStream)", timeout.Token);
        if (startedBy != workerId)
        {
            throw new WorkerStartException($"The worker started as '{workerId}' but opened its stream as '{startedBy}'.", worker.Output);
        }

        var init = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        var initResponse = (await UntilAsync(channel.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, MsgType.WorkerInitResponse, "", timeout.Token), "answered WorkerInitRequest", timeout.Token)).WorkerInitResponse;
        EnsureSuccess(initResponse.Result, "WorkerInitRequest");
        WorkerCapabilities = new Dictionary<string, string>(initResponse.Capabilities);
        WorkerMetadata = initResponse.WorkerMetadata;

        var metadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory };
        var metadata = (await UntilAsync(channel.RequestAsync(new StreamingMessage { FunctionsMetadataRequest = metadataRequest }, MsgType.FunctionMetadataResponse, "", timeout.Token), "answered FunctionsMetadataRequest", timeout.Token)).FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "FunctionsMetadataRequest");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new NotSupportedException("The worker asked for host indexing (UseDefaultMetadataIndexing); this host takes the worker's metadata only.");
        }
        Functions = metadata.FunctionMetadataResults.Select(WorkerFunction.From).ToList();
        foreach (var function in Functions)
        {
            var load = (await UntilAsync(channel.RequestAsync(new StreamingMessage { FunctionLoadRequest = function.ToLoadRequest(appDirectory) }, MsgType.FunctionLoadResponse, function.FunctionId, timeout.Token), $"loaded {function.Name}", timeout.Token)).FunctionLoadResponse;
            EnsureSuccess(load.Result, $"FunctionLoadRequest for {function.Name}");
        }
        foreach (var function in Functions)
        {
            LogFunction(logger, function.ToString());
        }

        await StartTriggersAsync(configuration, cancellationToken);
    }

    private async Task StartTriggersAsync(HostConfiguration configuration, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.HttpUrl);
        http = builder.Build();
        var httpFunctions = Functions.Where(f => f.Trigger.Type == "httpTrigger").ToList();
        if (httpFunctions.Count > 0)
        {
            if (!WorkerCapabilities.TryGetValue("HttpUri", out var httpUri))
            {
                throw new NotSupportedException("The worker has HTTP functions but no HttpUri capability: this host proxies HTTP to the ASP.NET Core integration only (ConfigureFunctionsWebApplication).");
            }
            proxy = new HttpFunctionProxy(new Uri(httpUri), (request, ct) => InvokeAsync(request, ct));
            proxy.Map(http, httpFunctions, configuration.RoutePrefix);
        }
        http.MapPost("/admin/functions/{name}", (string name) =>
        {
            if (!timers.ContainsKey(name))
            {
                return Results.Problem(statusCode: 404, title: $"'{name}' is not a timer function (this host's admin API runs timers only)");
            }
            _ = RunTimerAsync(name, stopping.Token);
            return Results.Accepted();
        });

        var queues = configuration.Queues;
        foreach (var function in Functions)
        {
            var trigger = function.Trigger;
            switch (trigger.Type)
            {
                case "httpTrigger":
                    break;
                case "queueTrigger":
                    var connection = configuration.StorageConnection(trigger.Get("connection"), function.Name);
                    var queueName = configuration.Resolve(trigger.Get("queueName") ?? "", function.Name);
                    var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
                    var pump = new QueueTriggerPump(function, new QueueClient(connection, queueName, clientOptions), new QueueClient(connection, queueName + "-poison", clientOptions),
                        queues, InvokeAsync, loggerFactory.CreateLogger<QueueTriggerPump>());
                    triggers.Add(Task.Run(() => pump.RunAsync(stopping.Token), CancellationToken.None));
                    break;
                case "timerTrigger":
                    var timer = new TimerTriggerSchedule(function, configuration.Resolve(trigger.Get("schedule") ?? "", function.Name), InvokeAsync, loggerFactory.CreateLogger<TimerTriggerSchedule>());
                    timers[function.Name] = timer;
                    if (options.RunTimers)
                    {
                        triggers.Add(Task.Run(() => timer.RunAsync(stopping.Token), CancellationToken.None));
                    }
                    break;
                default:
                    throw new NotSupportedException($"Function '{function.Name}' has a {trigger.Type}, which this host does not serve.");
            }
        }
        await http.StartAsync(cancellationToken);
        BaseAddress = new Uri(Addresses(http).First());
    }

    private async Task<WorkerInvocation> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var function = Functions.Single(f => f.FunctionId == request.FunctionId);
        var clock = Stopwatch.StartNew();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(FunctionTimeout);
        string? error;
        try
        {
            var response = (await channel.RequestAsync(new StreamingMessage { InvocationRequest = request }, MsgType.InvocationResponse, request.InvocationId, bounded.Token)).InvocationResponse;
            error = response.Result.Status == StatusResult.Types.Status.Success ? null : Describe(response.Result);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no InvocationResponse within {FunctionTimeout}";
        }
        catch (IOException e)
        {
            error = e.Message;
        }
        var invocation = new WorkerInvocation(function.Name, request.InvocationId, error is null, error, clock.Elapsed);
        invocations.Enqueue(invocation);
        return invocation;
    }

    private async Task<T> UntilAsync<T>(Task<T> step, string what, CancellationToken cancellationToken)
    {
        var exited = worker!.Exited;
        var done = await Task.WhenAny(step, exited, Task.Delay(Timeout.Infinite, cancellationToken));
        if (done == step)
        {
            return await step;
        }
        if (done == exited)
        {
            // Give the output readers a moment to drain what the worker printed last.
            await Task.Delay(200, CancellationToken.None);
            throw new WorkerStartException($"The worker exited with code {worker.ExitCode} before it {what}.", worker.Output);
        }
        throw new WorkerStartException($"The worker had not {what} after {options.StartTimeout.TotalSeconds:0} s.", worker.Output);
    }

    private void EnsureSuccess(StatusResult result, string step)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerStartException($"The worker failed {step}: {Describe(result)}", worker!.Output);
        }
    }

    private static string Describe(StatusResult result) =>
        result.Exception is { } e ? $"{e.Type} {e.Message}".Trim() : result.Result;

    private static ICollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (worker is not null)
        {
            // The host's shutdown: WorkerTerminate with a grace period, then the process is killed.
            channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
            await worker.StopAsync(TimeSpan.FromSeconds(5));
            await worker.DisposeAsync();
        }
        await Task.WhenAll(triggers).ContinueWith(_ => { }, TaskScheduler.Default);
        if (http is not null)
        {
            await http.StopAsync();
            await http.DisposeAsync();
        }
        proxy?.Dispose();
        await rpc.StopAsync();
        await rpc.DisposeAsync();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Function}")]
    private static partial void LogFunction(ILogger logger, string function);
}
