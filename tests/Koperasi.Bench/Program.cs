using Koperasi.Bench;

// ./bench.sh runs the full benchmark and fault drill; ./test.sh runs `--smoke` (small sizes, same invariants).
var smoke = args.Contains("--smoke");
var drillOnly = args.Contains("--drill-only");
var noDrill = args.Contains("--no-drill");
var lines = new List<string>();
void Say(string line)
{
    Console.WriteLine(line);
    lines.Add(line);
}

var ok = true;
if (!drillOnly)
{
    var run = await new PipelineBenchmark(smoke ? PipelineOptions.Smoke : PipelineOptions.Full, Say).RunAsync();
    ok &= run.InvariantsHeld;
    var figures = run.Figures.ToList();
    await using (var azurite = await Koperasi.Testing.AzuriteProcess.StartAsync())
    {
        var statements = await new StatementsBenchmark(smoke ? 50 : 1_000, 30, 16, Say).RunAsync(azurite.ConnectionString);
        figures.AddRange(statements);
    }
    await using (var azurite = await Koperasi.Testing.AzuriteProcess.StartAsync())
    {
        figures.AddRange(await new ImportBenchmark(smoke ? 40 : 1_000, Say).RunAsync(azurite.ConnectionString));
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
