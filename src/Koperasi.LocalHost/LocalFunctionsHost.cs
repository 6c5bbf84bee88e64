using Koperasi.Functions;
using Koperasi.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Koperasi.LocalHost;

/// <summary>
/// Runs the app's real <c>[Function]</c> classes with the app's own registration (<c>AddKoperasi</c>) on one
/// machine, without Azure Functions Core Tools: HTTP on Kestrel, queues and timers as hosted services.
/// </summary>
public static class LocalFunctionsHost
{
    public const string DefaultUrl = "http://localhost:7071";

    public static IReadOnlyList<FunctionEntry> Functions { get; } = FunctionCatalog.Discover(typeof(KoperasiServiceCollectionExtensions).Assembly);

    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Lowest precedence: environment variables and arguments override the settings files, as under `func start`.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = LocalSettings.Layered(builder.Configuration["LocalHost:SettingsFile"], Directory.GetCurrentDirectory()),
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning).AddFilter("Azure.Identity", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting", LogLevel.Information);

        var host = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        // App settings override host.json as under the Functions host: AzureFunctionsJobHost__extensions__queues__<name>.
        var overridden = builder.Configuration.GetSection("AzureFunctionsJobHost:extensions:queues");
        var queueSettings = host.Queues with
        {
            MaxDequeueCount = overridden.GetValue("maxDequeueCount", host.Queues.MaxDequeueCount),
            VisibilityTimeout = overridden.GetValue("visibilityTimeout", host.Queues.VisibilityTimeout),
            MaxPollingInterval = overridden.GetValue("maxPollingInterval", host.Queues.MaxPollingInterval),
            BatchSize = overridden.GetValue("batchSize", host.Queues.BatchSize),
            Lease = TimeSpan.FromSeconds(builder.Configuration.GetValue("LocalHost:MessageLeaseSeconds", (int)host.Queues.Lease.TotalSeconds)),
        };
        builder.Services.AddKoperasi(builder.Configuration);
        var counter = builder.Configuration.GetValue("LocalHost:CountStorageRequests", false) ? new StorageRequestCounter() : null;
        if (counter is not null)
        {
            builder.Services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(counter);
        }
        configureServices?.Invoke(builder.Services);
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddSingleton(queueSettings);
        builder.Services.AddSingleton<TimerStatusStore>();
        var enabled = Functions.Where(f => !SettingNames.IsDisabled(f.Name, builder.Configuration)).ToList();
        foreach (var function in Functions)
        {
            FunctionInvoker.CheckBindable(function);
        }
        foreach (var function in enabled)
        {
            if (function.Kind == FunctionKind.Queue && !builder.Configuration.GetValue("LocalHost:DisableQueueTriggers", false))
            {
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerListener>(sp, function));
            }
            else if (function.Kind == FunctionKind.Timer && !builder.Configuration.GetValue("LocalHost:DisableTimers", false))
            {
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(sp, function));
            }
        }

        var app = builder.Build();
        HttpFunctionRoutes.Map(app, enabled, host.RoutePrefix);
        if (counter is not null)
        {
            // For the benchmark only (outside /api, so not part of the API): storage requests made by this process, by kind.
            app.MapGet("/_localhost/storage-requests", () => Results.Json(counter.ByKind));
            app.MapPost("/_localhost/storage-requests/reset", () => { counter.Reset(); return Results.NoContent(); });
        }
        return app;
    }
}
