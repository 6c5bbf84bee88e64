using System.Net.Http.Headers;
using Koperasi.Functions.Tests.Support;
using Koperasi.Testing;

namespace Koperasi.WorkerHost.Tests;

/// <summary>
/// One in-memory Azurite and the published Koperasi.Functions running as a real isolated worker under the protocol
/// host, with the settings the LocalHost tests use (ApiFixture), given as the environment variables Azure would set.
/// </summary>
public sealed class WorkerHostFixture : IAsyncLifetime
{
    public const string PlatformAdminKey = "worker-test-platform-admin-key-0123";
    /// <summary>Base64 of the 32 ASCII bytes "WORKER-TESTS-providers-secretkey" (made up, tests only).</summary>
    public const string ProvidersSecretsKey = "V09SS0VSLVRFU1RTLXByb3ZpZGVycy1zZWNyZXRrZXk=";
    /// <summary>Fires the monthly statement timer every 2 s, so the smoke test sees a run the schedule started.</summary>
    public const string StatementSchedule = "*/2 * * * * *";

    public const string MidtransServerKey = "SB-Mid-server-WORKERTESTONLY";
    public const string XenditApiKey = "xnd_development_WORKER-TESTS-ONLY";

    public static readonly string OutboxPath = Path.Combine(Path.GetTempPath(), "koperasi-worker-tests", $"outbox-{Environment.ProcessId}");

    public AzuriteProcess Azurite { get; private set; } = null!;
    public FunctionsWorkerHost Host { get; private set; } = null!;
    public FakeProviderServer Midtrans { get; private set; } = null!;
    public FakeProviderServer Xendit { get; private set; } = null!;

    /// <summary>How long the worker took from process start to loaded functions, for docs/worker-host.md's figures.</summary>
    public TimeSpan StartTime { get; private set; }

    public static string AppDirectory => RepoPaths.Combine(".local", "publish");

    /// <summary>The app's settings; the providers' APIs are loopback stand-ins (a closed port where none is running).</summary>
    public static Dictionary<string, string?> Settings(string storage, string midtransApi = "http://127.0.0.1:9", string xenditApi = "http://127.0.0.1:9") => new()
    {
        ["Providers__Midtrans__ApiBaseUrl"] = midtransApi,
        ["Providers__Xendit__ApiBaseUrl"] = xenditApi,
        ["AzureWebJobsStorage"] = storage,
        ["Platform__AdminKey"] = PlatformAdminKey,
        ["Providers__SecretsKey"] = ProvidersSecretsKey,
        ["StatementSchedule"] = StatementSchedule,
        ["Statements__SettleSeconds"] = "0",
        ["Email__Mode"] = "Outbox",
        ["Email__OutboxPath"] = OutboxPath,
        ["Email__FromAddress"] = "laporan@koperasi.localhost",
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
    };

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Midtrans = await FakeProviderServer.StartMidtransAsync(MidtransServerKey);
        Xendit = await FakeProviderServer.StartXenditAsync(XenditApiKey);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Host = await FunctionsWorkerHost.StartAsync(new WorkerHostOptions { AppDirectory = AppDirectory, Settings = Settings(Azurite.ConnectionString, Midtrans.BaseUrl, Xendit.BaseUrl) });
        StartTime = clock.Elapsed;
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Midtrans.DisposeAsync();
        await Xendit.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
