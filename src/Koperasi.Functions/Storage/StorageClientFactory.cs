using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Koperasi.Functions.Storage;

/// <summary>
/// Builds Table and Queue clients from a Functions connection setting (for example
/// <c>AzureWebJobsStorage</c>): a connection string when one is configured (local, tests),
/// otherwise the identity-based form <c>Name__queueServiceUri</c>, <c>Name__tableServiceUri</c>,
/// <c>Name__credential=managedidentity</c> and <c>Name__clientId</c> used in Azure.
/// </summary>
public sealed class StorageClientFactory(IConfiguration configuration, IEnumerable<Azure.Core.Pipeline.HttpPipelinePolicy>? policies = null)
{
    private readonly Azure.Core.Pipeline.HttpPipelinePolicy[] extraPolicies = policies?.ToArray() ?? [];

    /// <summary>A base64 queue client (the trigger's encoding); <paramref name="configure"/> may change the options, e.g. the LocalHost's decoding-failure handler.</summary>
    public QueueClient CreateQueueClient(string queueName, string connectionName = StorageNames.Connection, Action<QueueClientOptions>? configure = null)
    {
        var options = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        configure?.Invoke(options);
        var connection = Resolve(connectionName);
        return connection.ConnectionString is { } cs
            ? new QueueClient(cs, queueName, options)
            : new QueueClient(new Uri($"{connection.ServiceUri("queueServiceUri").TrimEnd('/')}/{queueName}"), connection.Credential!, options);
    }

    public TableServiceClient CreateTableServiceClient(string connectionName = StorageNames.Connection)
    {
        var options = Configure(new TableClientOptions());
        var connection = Resolve(connectionName);
        return connection.ConnectionString is { } cs
            ? new TableServiceClient(cs, options)
            : new TableServiceClient(new Uri(connection.ServiceUri("tableServiceUri")), connection.Credential!, options);
    }

    private T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        foreach (var policy in extraPolicies)
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
        }
        return options;
    }

    private StorageConnection Resolve(string name)
    {
        var value = configuration[name];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new StorageConnection(value, null, null);
        }
        var section = configuration.GetSection(name);
        if (!section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__queueServiceUri' and '{name}__tableServiceUri' for an identity-based connection.");
        }
        return new StorageConnection(null, section, CreateCredential(section));
    }

    internal static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var kind = section["credential"];
        var clientId = section["clientId"];
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private sealed record StorageConnection(string? ConnectionString, IConfigurationSection? Section, TokenCredential? Credential)
    {
        public string ServiceUri(string key) => Section?[key]
            ?? throw new InvalidOperationException($"Storage setting '{Section?.Path}__{key}' is missing.");
    }
}
