using System.Text.Json.Nodes;
using Koperasi.Testing;
using Koperasi.WorkerHost;
using Microsoft.Extensions.Logging;

// Runs the published app under the protocol host by hand:
//   dotnet tests/Koperasi.WorkerHost/bin/Release/net10.0/Koperasi.WorkerHost.dll [--app DIR] [--urls URL] [--settings FILE]
//   dotnet ... Koperasi.WorkerHost.dll --measure [N]   (the LocalHost-versus-protocol-host figures of docs/worker-host.md)
// Settings: FILE's "Values" (local.settings.json form; default local.settings.sample.json), environment variables over them.
var app = Argument("--app") ?? RepoPaths.Combine(".local", "publish");
if (Array.IndexOf(args, "--measure") >= 0)
{
    // The figures in docs/worker-host.md: the protocol host against the reflection LocalHost (needs a Release build of both).
    await HostCostMeasurement.RunAsync(app, int.Parse(Argument("--measure") ?? "200", System.Globalization.CultureInfo.InvariantCulture));
    return;
}
var url = Argument("--urls") ?? "http://127.0.0.1:7072";
var settingsFile = Argument("--settings") ?? RepoPaths.Combine("local.settings.sample.json");
var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
foreach (var (name, value) in JsonNode.Parse(File.ReadAllText(settingsFile))?["Values"]?.AsObject() ?? [])
{
    settings[name] = value?.ToString();
}
foreach (var name in settings.Keys.ToList())
{
    settings[name] = Environment.GetEnvironmentVariable(name) ?? settings[name];
}

using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
await using var host = await FunctionsWorkerHost.StartAsync(new WorkerHostOptions { AppDirectory = app, Settings = settings, HttpUrl = url }, loggers);
Console.WriteLine($"Worker {host.WorkerMetadata?.WorkerVersion} ({host.WorkerMetadata?.RuntimeName} {host.WorkerMetadata?.RuntimeVersion}), capabilities: {string.Join(", ", host.WorkerCapabilities.Keys.Order())}");
foreach (var function in host.Functions)
{
    Console.WriteLine("  " + function);
}
Console.WriteLine($"Listening on {host.BaseAddress} (Ctrl-C stops)");
var stop = new TaskCompletionSource();
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, s => { s.Cancel = true; stop.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;

string? Argument(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
