using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Koperasi.Testing;

namespace Koperasi.WorkerHost;

/// <summary>
/// The worker process, started as the Functions host starts a dotnet-isolated worker (azure-functions-host,
/// RpcWorkerProcess and RpcWorkerContext): <c>worker.config.json</c>'s executable and worker path, the old and the
/// <c>functions-</c> prefixed arguments, the app folder as working directory, and the app settings plus the
/// host's own variables in the environment. Its console output is kept for error messages.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly Process process;
    private readonly Queue<string> output = new();
    private readonly string pidFile;

    private WorkerProcess(Process process, string pidFile)
    {
        this.process = process;
        this.pidFile = pidFile;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;
    public Task Exited => process.WaitForExitAsync();

    /// <summary>The last lines the worker printed (stdout and stderr, interleaved as they came).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output);
            }
        }
    }

    public static WorkerProcess Start(string appDirectory, Uri hostUri, string workerId, IReadOnlyDictionary<string, string?> settings)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(appDirectory, "worker.config.json")))!["description"]!;
        var executable = config["defaultExecutablePath"]?.GetValue<string>() ?? "dotnet";
        var workerPath = Path.Combine(appDirectory, config["defaultWorkerPath"]!.GetValue<string>());
        var requestId = Guid.NewGuid().ToString();
        var maxMessageLength = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        string[] arguments =
        [
            workerPath,
            "--host", hostUri.Host, "--port", hostUri.Port.ToString(CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", maxMessageLength,
            "--functions-uri", hostUri.AbsoluteUri, "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", maxMessageLength,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in settings)
        {
            info.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        // What the host adds for its worker (RpcWorkerProcess.CreateWorkerProcess, ScriptHost settings).
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        info.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        // The test process's own ASP.NET Core variables must not leak into the worker's web host.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        var pidDir = RepoPaths.Combine(".local", "pids");
        Directory.CreateDirectory(pidDir);
        var pidFile = Path.Combine(pidDir, $"worker-{process.Id}.pid");
        File.WriteAllText(pidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        return new WorkerProcess(process, pidFile);
    }

    /// <summary>Waits for the worker to leave after WorkerTerminate; kills it after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!process.HasExited)
        {
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        File.Delete(pidFile);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptLines)
            {
                output.Dequeue();
            }
        }
    }
}
