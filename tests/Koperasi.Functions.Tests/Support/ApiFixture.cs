using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.LocalHost;
using Koperasi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// One in-memory Azurite and one LocalHost on a real loopback port, shared by the integration tests. Each test
/// registers its own cooperative, so tests stay independent through tenant isolation.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string PlatformAdminKey = "test-platform-admin-key-0123456789";
    /// <summary>Base64 of the 32 ASCII bytes "TESTS-ONLY-providers-secrets-key".</summary>
    public const string ProvidersSecretsKey = "VEVTVFMtT05MWS1wcm92aWRlcnMtc2VjcmV0cy1rZXk=";

    /// <summary>Where statements go in tests (Email:Mode Outbox): one folder per test process, one subfolder per cooperative.</summary>
    public static readonly string OutboxPath = Path.Combine(Path.GetTempPath(), "koperasi-tests", $"outbox-{Environment.ProcessId}");

    public AzuriteProcess Azurite { get; private set; } = null!;
    public WebApplication Host { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public StorageClientFactory Storage { get; private set; } = null!;

    /// <summary>The fake Midtrans and Xendit read APIs every LocalHost of the test process confirms with (never the real ones).</summary>
    public FakeProviderServer Midtrans => providers!.Value.Midtrans;
    public FakeProviderServer Xendit => providers!.Value.Xendit;

    private static readonly SemaphoreSlim ProvidersGate = new(1, 1);
    private static (FakeProviderServer Midtrans, FakeProviderServer Xendit)? providers;

    /// <summary>The crash seam of the fixture's host: off unless a test arms it.</summary>
    public SwitchablePostingFaults Faults { get; } = new();

    /// <summary>Every table request the fixture's host made, with its shape and the route or function that asked (QueryShapeTests checks them).</summary>
    public Storage.QueryShapePolicy QueryShapes { get; } = new();

    public async Task InitializeAsync()
    {
        await StartFakeProvidersAsync();
        Azurite = await AzuriteProcess.StartAsync();
        Storage = new StorageClientFactory(new ConfigurationBuilder().AddInMemoryCollection(Settings(Azurite.ConnectionString)).Build());
        (Host, BaseAddress) = await StartHostAsync(Azurite.ConnectionString, ExtraSettings, services => services
            .AddSingleton<IPostingFaults>(Faults)
            .AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(QueryShapes)
            .AddHttpContextAccessor());
    }

    /// <summary>Starts the fake providers once per test process; every host's settings point at them.</summary>
    private static async Task StartFakeProvidersAsync()
    {
        await ProvidersGate.WaitAsync();
        try
        {
            providers ??= (await FakeProviderServer.StartMidtransAsync(Webhooks.WebhookSamples.MidtransServerKey),
                await FakeProviderServer.StartXenditAsync(Webhooks.WebhookSamples.XenditApiKey));
        }
        finally
        {
            ProvidersGate.Release();
        }
    }

    /// <summary>Settings a derived fixture adds to its LocalHost.</summary>
    protected virtual IDictionary<string, string?>? ExtraSettings => null;

    public static Dictionary<string, string?> Settings(string connectionString, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Platform:AdminKey"] = PlatformAdminKey,
            ["Providers:SecretsKey"] = ProvidersSecretsKey,
            ["urls"] = "http://127.0.0.1:0",
            ["LocalHost:SettingsFile"] = "/nonexistent/local.settings.json",
            ["LocalHost:MessageLeaseSeconds"] = "10",
            ["LocalHost:DisableTimers"] = "true",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["Email:Mode"] = "Outbox",
            ["Email:OutboxPath"] = OutboxPath,
            // One instance, whose own profile cache the close clears: no need to wait out other instances' caches.
            ["Statements:SettleSeconds"] = "0",
            // Confirmations go to the fake providers on loopback (a closed loopback port before they start), and retry fast.
            ["Providers:Midtrans:ApiBaseUrl"] = providers?.Midtrans.BaseUrl ?? "http://127.0.0.1:9",
            ["Providers:Xendit:ApiBaseUrl"] = providers?.Xendit.BaseUrl ?? "http://127.0.0.1:9",
            ["Providers:ApiTimeout"] = "00:00:02",
            ["Providers:ConfirmationFirstRetry"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Starts another LocalHost (for example against a dead storage endpoint); the caller disposes it.</summary>
    public static async Task<(WebApplication Host, Uri BaseAddress)> StartHostAsync(
        string connectionString, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var host = LocalFunctionsHost.Build([], Settings(connectionString, extra), services);
        await host.StartAsync();
        return (host, new Uri(host.Urls.First()));
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <summary>Registers a fresh cooperative and returns it with a client holding its admin key.</summary>
    public async Task<TestCooperative> NewCooperativeAsync(long pokok = 100_000, long wajib = 50_000, string timeZone = "Asia/Makassar")
    {
        using var platform = Client(PlatformAdminKey);
        var response = await platform.PostAsJsonAsync("/api/cooperatives",
            new { name = "Koperasi Uji " + Guid.NewGuid().ToString("N")[..6], timeZone, simpananPokokAmount = pokok, simpananWajibAmount = wajib });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("adminApiKey").GetString()!;
        return new TestCooperative(body.GetProperty("id").GetString()!, key, Client(key), this);
    }

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Polls GET /api/transactions/{id} until it is no longer queued.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync($"/api/transactions/{id}");
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (body.GetProperty("status").GetString() != "queued")
                {
                    return body;
                }
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"transaction {id} is still not posted or rejected");
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
