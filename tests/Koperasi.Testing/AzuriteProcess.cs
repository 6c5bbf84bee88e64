using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Koperasi.Testing;

/// <summary>
/// Azurite (pinned in package.json, installed by <c>npm ci</c>) on free loopback ports: it binds port 0 and we read
/// the ports it reports. In memory by default, on disk when given a folder. Stopped by PID, SIGKILL after a short
/// wait (it sometimes ignores SIGTERM); the PID is also written under .local/pids so the scripts can sweep leftovers.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    // Azurite's well-known development account; public, not a secret.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string pidFile;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, string pidFile)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        this.pidFile = pidFile;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public int ProcessId => process.Id;

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <param name="location">A folder for on-disk mode; null for in-memory.</param>
    /// <param name="ports">Fixed ports (blob, queue, table) to restart on the same endpoints; null for free ports.</param>
    public static async Task<AzuriteProcess> StartAsync(string? location = null, (int Blob, int Queue, int Table)? ports = null, CancellationToken cancellationToken = default)
    {
        var script = RepoPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root (test.sh does).");
        }
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--skipApiVersionCheck", "--disableProductStyleUrl", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", $"{ports?.Blob ?? 0}", "--queuePort", $"{ports?.Queue ?? 0}", "--tablePort", $"{ports?.Table ?? 0}" })
        {
            info.ArgumentList.Add(arg);
        }
        if (location is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(location);
        }
        var process = Process.Start(info)!;
        var found = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } m)
            {
                lock (found)
                {
                    found[m.Groups[1].Value] = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (found.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pidDir = RepoPaths.Combine(".local", "pids");
        Directory.CreateDirectory(pidDir);
        var pidFile = Path.Combine(pidDir, $"azurite-{process.Id}.pid");
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var started = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
        if (started != ready.Task)
        {
            Kill(process);
            throw new TimeoutException("Azurite did not report its ports within 30 s.");
        }
        return new AzuriteProcess(process, found["Blob"], found["Queue"], found["Table"], pidFile);
    }

    /// <summary>Stops Azurite: SIGTERM first (so on-disk mode flushes), SIGKILL if it is still there after the grace period.</summary>
    /// <returns>True when it stopped on SIGTERM, false when it had to be killed.</returns>
    public async Task<bool> StopAsync(TimeSpan? grace = null)
    {
        var graceful = true;
        if (!process.HasExited)
        {
            Signal(process.Id, "TERM");
            using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(3));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                graceful = false;
                Kill(process);
                await process.WaitForExitAsync();
            }
        }
        File.Delete(pidFile);
        return graceful;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false, RedirectStandardError = true });
        kill?.WaitForExit();
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex Listening();
}
