using Koperasi.Bench;

// ./bench.sh runs the full benchmark and fault drill; ./test.sh runs `--smoke` (small sizes, same invariants);
// `--scale-only` runs only issue 15's history measure (10 years × 1,000 members; with --smoke, 2 years × 40;
// `--scale-members N --scale-years Y` for other sizes).
var smoke = args.Contains("--smoke");
var scaleOnly = args.Contains("--scale-only");
var drillOnly = args.Contains("--drill-only");
var noDrill = args.Contains("--no-drill");
var lines = new List<string>();
void Say(string line)
{
    Console.WriteLine(line);
    lines.Add(line);
}

int? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : null;

var ok = true;
if (!drillOnly)
{
    var figures = new List<Figure>();
    if (!scaleOnly)
    {
        var run = await new PipelineBenchmark(smoke ? PipelineOptions.Smoke : PipelineOptions.Full, Say).RunAsync();
        ok &= run.InvariantsHeld;
        figures.AddRange(run.Figures);
    }
    await using (var azurite = await Koperasi.Testing.AzuriteProcess.StartAsync())
    {
        var scale = new ScaleBenchmark(Option("--scale-members") ?? (smoke ? 40 : 1_000), Option("--scale-years") ?? (smoke ? 2 : 10), Say);
        figures.AddRange(await scale.RunAsync(azurite.ConnectionString));
        ok &= scale.Exact;
    }
    if (!scaleOnly)
    {
        await using (var azurite = await Koperasi.Testing.AzuriteProcess.StartAsync())
        {
            figures.AddRange(await new StatementsBenchmark(smoke ? 50 : 1_000, 30, 16, Say).RunAsync(azurite.ConnectionString));
        }
        await using (var azurite = await Koperasi.Testing.AzuriteProcess.StartAsync())
        {
            figures.AddRange(await new ImportBenchmark(smoke ? 40 : 1_000, Say).RunAsync(azurite.ConnectionString));
        }
    }
    Say("");
    Say(Figure.Header);
    foreach (var figure in figures)
    {
        Say(figure.Row());
    }
    Say("");
}
if (!noDrill)
{
    ok &= await new FaultDrill(smoke ? DrillOptions.Smoke : DrillOptions.Full, Say).RunAsync();
}
Say(ok ? "bench: every invariant held" : "bench: AN INVARIANT BROKE (see above)");
var results = Koperasi.Testing.RepoPaths.Combine(".local", "bench", smoke ? "results-smoke.md" : "results.md");
Directory.CreateDirectory(Path.GetDirectoryName(results)!);
await File.WriteAllLinesAsync(results, [$"# Benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(smoke ? " (smoke)" : "")}", "", .. lines]);
return ok ? 0 : 1;
