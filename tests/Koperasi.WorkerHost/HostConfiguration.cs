using Microsoft.Extensions.Configuration;

namespace Koperasi.WorkerHost;

/// <summary>
/// The host's settings as the Functions host builds them: host.json under <c>AzureFunctionsJobHost</c>, with app
/// settings (and environment variables) over it, so <c>AzureFunctionsJobHost__extensions__queues__batchSize</c>
/// overrides host.json's value; <c>%Name%</c> in a binding is resolved from the same app settings.
/// </summary>
public sealed class HostConfiguration
{
    private const string Root = "AzureFunctionsJobHost";
    private readonly IConfiguration configuration;

    public HostConfiguration(string hostJsonPath, IReadOnlyDictionary<string, string?> settings)
    {
        var hostJson = new ConfigurationBuilder().AddJsonFile(hostJsonPath, optional: false).Build()
            .AsEnumerable().Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create($"{Root}:{p.Key}", p.Value));
        configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(hostJson)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
    }

    public string RoutePrefix => (configuration[$"{Root}:extensions:http:routePrefix"] ?? "api").Trim('/');

    public QueueTriggerSettings Queues
    {
        get
        {
            var section = configuration.GetSection($"{Root}:extensions:queues");
            var defaults = new QueueTriggerSettings();
            var settings = new QueueTriggerSettings
            {
                BatchSize = section.GetValue("batchSize", defaults.BatchSize),
                MaxDequeueCount = section.GetValue("maxDequeueCount", defaults.MaxDequeueCount),
                VisibilityTimeout = section.GetValue("visibilityTimeout", defaults.VisibilityTimeout),
                MaxPollingInterval = section.GetValue("maxPollingInterval", defaults.MaxPollingInterval),
                MessageEncoding = section.GetValue("messageEncoding", defaults.MessageEncoding)!,
            };
            if (!settings.MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException($"host.json messageEncoding '{settings.MessageEncoding}': this host serves base64 queue messages only.");
            }
            return settings;
        }
    }

    /// <summary>Resolves a binding's <c>%Setting%</c> reference, as the host does before it listens.</summary>
    public string Resolve(string value, string function)
    {
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var name = value[1..^1];
            return configuration[name.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"Function '{function}' refers to app setting '{name}', which is not set.");
        }
        return value;
    }

    /// <summary>A storage connection string by its setting name (<c>AzureWebJobsStorage</c> when the binding names none).</summary>
    public string StorageConnection(string? connection, string function)
    {
        var name = string.IsNullOrEmpty(connection) ? "AzureWebJobsStorage" : connection;
        return configuration[name] ?? configuration[$"AzureWebJobs{name}"]
            ?? throw new InvalidOperationException($"Function '{function}': storage connection '{name}' is not set (this host reads connection strings only).");
    }
}
