using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Koperasi.Testing;

namespace Koperasi.Bench;

/// <summary>The LocalHost as a separate process (as run.sh runs it), so it can be measured and killed with SIGKILL.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    public const string PlatformAdminKey = "bench-platform-admin-key-0123456789";

    /// <summary>A made-up key for the bench only (base64 of "BENCH-ONLY-providers-secrets-key").</summary>
    public const string ProvidersSecretsKey = "QkVOQ0gtT05MWS1wcm92aWRlcnMtc2VjcmV0cy1rZXk=";

    private readonly Dictionary<string, string> environment;
    private readonly string logFile;
    private Process? process;

    public LocalHostProcess(string storageConnection, string name, IDictionary<string, string>? settings = null)
    {
        Port = FreePort();
        logFile = RepoPaths.Combine(".local", "bench", $"localhost-{name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storageConnection,
            ["Platform__AdminKey"] = PlatformAdminKey,
            // Base64 of the 32 ASCII bytes "BENCH-ONLY-providers-secrets-key": the app refuses to start without one.
            ["Providers__SecretsKey"] = ProvidersSecretsKey,
            ["urls"] = $"http://127.0.0.1:{Port}",
            ["LocalHost__SettingsFile"] = "/nonexistent/local.settings.json",
            ["LocalHost__DisableTimers"] = "true",
            ["LocalHost__CountStorageRequests"] = "true",
            ["LocalHost__MessageLeaseSeconds"] = "15",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int? ProcessId => process is { HasExited: false } ? process.Id : null;

    public static string Dll => Directory.GetFiles(RepoPaths.Combine("src", "Koperasi.LocalHost", "bin"), "Koperasi.LocalHost.dll", SearchOption.AllDirectories)
        .OrderByDescending(File.GetLastWriteTimeUtc).First();

    public Task StartAsync() => StartAsync(requireHealthy: true);

    /// <summary>Starts it while storage is down: waits only until it answers at all (health says 503).</summary>
    public Task StartAsyncAllowingUnhealthy() => StartAsync(requireHealthy: false);

    private async Task StartAsync(bool requireHealthy)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Dll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        process = Process.Start(info)!;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pidFile = RepoPaths.Combine(".local", "pids", $"bench-localhost-{process.Id}.pid");
        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the LocalHost exited with {process.ExitCode}; see {logFile}");
            }
            try
            {
                var status = (await client.GetAsync("/api/health")).StatusCode;
                if (status == HttpStatusCode.OK || !requireHealthy)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while starting.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the LocalHost did not become healthy; see {logFile}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, in-flight work lost, as when a host dies.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            File.Delete(RepoPaths.Combine(".local", "pids", $"bench-localhost-{process.Id}.pid"));
        }
    }

    /// <summary>Peak resident memory (VmHWM) of the running LocalHost, in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process!.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
