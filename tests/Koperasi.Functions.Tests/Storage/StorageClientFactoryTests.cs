using Azure.Identity;
using Koperasi.Functions.Storage;
using Microsoft.Extensions.Configuration;

namespace Koperasi.Functions.Tests.Storage;

public sealed class StorageClientFactoryTests
{
    // Loopback endpoints that nothing listens on; the capturing policy stops every request before the transport anyway.
    private const string QueueEndpoint = "http://127.0.0.1:10991/koperasilocal";
    private const string TableEndpoint = "http://127.0.0.1:10992/koperasilocal";

    private const string QueueServiceUri = "https://stkoperasi.queue.core.windows.net/";
    private const string TableServiceUri = "https://stkoperasi.table.core.windows.net/";
    private const string ClientId = "6f1c2d3e-4b5a-4978-8a1b-2c3d4e5f6a7b";

    [Fact]
    public void CreateQueueClient_ConnectionString_PointsAtItsQueueEndpoint()
    {
        var client = ConnectionStringFactory(new RequestCapturingPolicy()).CreateQueueClient(StorageNames.TransactionsQueue);

        Assert.Equal(new Uri($"{QueueEndpoint}/{StorageNames.TransactionsQueue}"), client.Uri);
        Assert.Equal("koperasilocal", client.AccountName);
    }

    [Fact]
    public void CreateTableServiceClient_ConnectionString_PointsAtItsTableEndpoint()
    {
        var client = ConnectionStringFactory(new RequestCapturingPolicy()).CreateTableServiceClient();

        Assert.Equal(new Uri(TableEndpoint), client.Uri);
        Assert.Equal("koperasilocal", client.AccountName);
    }

    [Fact]
    public async Task CreateQueueClient_ConnectionString_SignsWithSharedKeyNotToken()
    {
        var capture = new RequestCapturingPolicy();
        var client = ConnectionStringFactory(capture).CreateQueueClient(StorageNames.TransactionsQueue);

        await Assert.ThrowsAsync<RequestCapturedException>(() => client.GetPropertiesAsync());

        Assert.Null(PipelineCredential.Of(client));
        Assert.Equal("127.0.0.1", capture.Uri!.Host);
        Assert.StartsWith("SharedKey ", capture.Authorization);
    }

    [Fact]
    public async Task CreateTableServiceClient_ConnectionString_SignsWithSharedKeyNotToken()
    {
        var capture = new RequestCapturingPolicy();
        var client = ConnectionStringFactory(capture).CreateTableServiceClient();

        await Assert.ThrowsAsync<RequestCapturedException>(() => client.GetPropertiesAsync());

        Assert.Null(PipelineCredential.Of(client));
        Assert.Equal(10992, capture.Uri!.Port);
        Assert.StartsWith("SharedKey", capture.Authorization);
    }

    [Fact]
    public void CreateQueueClient_IdentitySettings_PointsAtConfiguredQueueServiceUri()
    {
        var client = IdentityFactory().CreateQueueClient(StorageNames.TransactionsQueue);

        Assert.Equal(new Uri($"{QueueServiceUri}{StorageNames.TransactionsQueue}"), client.Uri);
        Assert.Equal("stkoperasi", client.AccountName);
    }

    [Fact]
    public void CreateTableServiceClient_IdentitySettings_PointsAtConfiguredTableServiceUri()
    {
        var client = IdentityFactory().CreateTableServiceClient();

        Assert.Equal(new Uri(TableServiceUri), client.Uri);
        Assert.Equal("stkoperasi", client.AccountName);
    }

    [Fact]
    public void CreateQueueClient_IdentitySettings_UsesUserAssignedManagedIdentity()
    {
        var client = IdentityFactory().CreateQueueClient(StorageNames.TransactionsQueue);

        var credential = Assert.IsType<ManagedIdentityCredential>(PipelineCredential.Of(client));
        Assert.Equal(("ClientId", ClientId), PipelineCredential.IdentityOf(credential));
    }

    [Fact]
    public void CreateTableServiceClient_IdentitySettings_UsesUserAssignedManagedIdentity()
    {
        var client = IdentityFactory().CreateTableServiceClient();

        var credential = Assert.IsType<ManagedIdentityCredential>(PipelineCredential.Of(client));
        Assert.Equal(("ClientId", ClientId), PipelineCredential.IdentityOf(credential));
    }

    [Fact]
    public void CreateTableServiceClient_IdentitySettingsWithoutCredential_FallsBackToDefaultAzureCredential()
    {
        var factory = new StorageClientFactory(Configuration(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = QueueServiceUri,
            ["AzureWebJobsStorage:tableServiceUri"] = TableServiceUri,
        }));

        var client = factory.CreateTableServiceClient();

        Assert.IsType<DefaultAzureCredential>(PipelineCredential.Of(client));
    }

    [Fact]
    public void CreateTableServiceClient_NothingConfigured_ThrowsNamingTheSettings()
    {
        var factory = new StorageClientFactory(Configuration(new()));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateTableServiceClient());

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message);
    }

    private static StorageClientFactory ConnectionStringFactory(RequestCapturingPolicy capture)
    {
        // A made-up key computed here, so no key-shaped literal sits in the repository.
        var key = Convert.ToBase64String(new byte[64]);
        var connection = $"DefaultEndpointsProtocol=http;AccountName=koperasilocal;AccountKey={key};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
        return new StorageClientFactory(Configuration(new() { ["AzureWebJobsStorage"] = connection }), [capture]);
    }

    // The settings the Function App gets in Azure (infra/modules/functionapp.bicep), as the worker sees them.
    private static StorageClientFactory IdentityFactory() => new(Configuration(new()
    {
        ["AzureWebJobsStorage:credential"] = "managedidentity",
        ["AzureWebJobsStorage:clientId"] = ClientId,
        ["AzureWebJobsStorage:blobServiceUri"] = "https://stkoperasi.blob.core.windows.net/",
        ["AzureWebJobsStorage:queueServiceUri"] = QueueServiceUri,
        ["AzureWebJobsStorage:tableServiceUri"] = TableServiceUri,
    }), [new RequestCapturingPolicy()]);

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
