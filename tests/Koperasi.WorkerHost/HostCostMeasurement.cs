using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Testing;

namespace Koperasi.WorkerHost;

/// <summary>
/// <c>--measure</c>: the test-time cost of the protocol host against the reflection LocalHost, side by side on one
/// Azurite: time from process start to the first healthy answer, and sequential requests (health, an authenticated
/// read, one transaction from intake to posted). Both hosts run as processes, so both starts include .NET's own.
/// </summary>
public static class HostCostMeasurement
{
    private const string AdminKey = "measure-platform-admin-key-0123456";
    private const string SecretsKey = "TUVBU1VSRS1PTkxZLXByb3ZpZGVycy1zZWNyZXRzISE=";

    public static async Task RunAsync(string appDirectory, int requests)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Platform__AdminKey"] = AdminKey,
            ["Providers__SecretsKey"] = SecretsKey,
            ["StatementSchedule"] = "0 0 0 1 1 *",
            ["Email__Mode"] = "Outbox",
            ["Email__OutboxPath"] = Path.Combine(Path.GetTempPath(), "koperasi-measure-outbox"),
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var rows = new List<string> { "| host | start to first healthy answer | health, mean | authenticated read, mean | transaction intake to posted, mean |", "|---|---|---|---|---|" };

        var clock = Stopwatch.StartNew();
        var port = FreePort();
        var localInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        localInfo.ArgumentList.Add(Directory.GetFiles(RepoPaths.Combine("src", "Koperasi.LocalHost", "bin"), "Koperasi.LocalHost.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).First());
        foreach (var (name, value) in settings)
        {
            localInfo.Environment[name] = value;
        }
        localInfo.Environment["urls"] = $"http://127.0.0.1:{port}";
        localInfo.Environment["LocalHost__SettingsFile"] = "/nonexistent/local.settings.json";
        localInfo.Environment["LocalHost__DisableTimers"] = "true";
        using (var local = Process.Start(localInfo)!)
        {
            local.OutputDataReceived += (_, _) => { };
            local.ErrorDataReceived += (_, _) => { };
            local.BeginOutputReadLine();
            local.BeginErrorReadLine();
            try
            {
                var baseAddress = new Uri($"http://127.0.0.1:{port}");
                await WaitHealthyAsync(baseAddress);
                rows.Add(await RowAsync("LocalHost (reflection)", clock.Elapsed, baseAddress, requests));
            }
            finally
            {
                local.Kill(entireProcessTree: true);
                await local.WaitForExitAsync();
            }
        }

        clock.Restart();
        await using (var host = await FunctionsWorkerHost.StartAsync(new WorkerHostOptions { AppDirectory = appDirectory, Settings = settings, RunTimers = false }))
        {
            await WaitHealthyAsync(host.BaseAddress);
            rows.Add(await RowAsync("protocol host (real worker)", clock.Elapsed, host.BaseAddress, requests));
        }
        Console.WriteLine($"{requests} sequential requests of each kind, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores");
        rows.ForEach(Console.WriteLine);
    }

    private static async Task<string> RowAsync(string name, TimeSpan start, Uri baseAddress, int requests)
    {
        using var platform = Client(baseAddress, AdminKey);
        var created = await platform.PostAsJsonAsync("/api/cooperatives", new { name = "Koperasi Ukur", timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 50_000 });
        created.EnsureSuccessStatusCode();
        using var admin = Client(baseAddress, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adminApiKey").GetString()!);
        (await admin.PostAsJsonAsync("/api/members", new { id = "M-1", name = "Anggota Ukur" })).EnsureSuccessStatusCode();
        var health = await MeanAsync(requests, async _ => (await admin.GetAsync("/api/health")).EnsureSuccessStatusCode());
        var read = await MeanAsync(requests, async _ => (await admin.GetAsync("/api/members/M-1")).EnsureSuccessStatusCode());
        var posted = await MeanAsync(Math.Max(1, requests / 10), async i =>
        {
            var id = $"measure-{Guid.NewGuid():N}";
            (await admin.PostAsJsonAsync("/api/transactions", new { id, memberId = "M-1", kind = "deposit", account = "simpanan_sukarela", amount = 1_000 + i, occurredAt = DateTimeOffset.UtcNow })).EnsureSuccessStatusCode();
            while ((await admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}")).GetProperty("status").GetString() == "queued")
            {
                await Task.Delay(20);
            }
        });
        return $"| {name} | {start.TotalSeconds:0.00} s | {health:0.0} ms | {read:0.0} ms | {posted:0} ms |";
    }

    private static async Task<double> MeanAsync(int count, Func<int, Task> action)
    {
        await action(-1); // warm-up, not counted
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await action(i);
        }
        return clock.Elapsed.TotalMilliseconds / count;
    }

    private static async Task WaitHealthyAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/api/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{baseAddress} did not become healthy");
            }
            await Task.Delay(20);
        }
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
