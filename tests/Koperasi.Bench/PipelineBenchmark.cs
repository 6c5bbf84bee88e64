using Koperasi.Functions;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Bench;

/// <summary>
/// Intake, posting, storage requests per transaction and memory, each measured side by side with its baseline on
/// the same in-memory Azurite in one run.
/// </summary>
public sealed class PipelineBenchmark(PipelineOptions options, Action<string> say)
{
    private const double IntakeTarget = 0.5, PostingTarget = 0.7, RequestsTarget = 5, MemoryTargetMb = 400;

    public async Task<PipelineRun> RunAsync()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var services = new ServiceCollection().AddLogging()
            .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Platform:AdminKey"] = LocalHostProcess.PlatformAdminKey,
                // The ledger check names the Standard Webhooks clearing accounts from the providers' settings.
                ["Providers:SecretsKey"] = LocalHostProcess.ProvidersSecretsKey,
            }).Build()).BuildServiceProvider();
        var clients = services.GetRequiredService<StorageClientFactory>();
        var figures = new List<Figure>();

        // Intake: the LocalHost's queue triggers are off so the messages stay for the posting run.
        var intakeHost = new LocalHostProcess(azurite.ConnectionString, "intake", new Dictionary<string, string> { ["LocalHost__DisableQueueTriggers"] = "true" });
        await intakeHost.StartAsync();
        var api = new BenchApi(intakeHost.BaseAddress);
        var (coopId, key) = await api.CreateCooperativeAsync();
        var members = Workload.Members(options.Members);
        await api.AddMembersAsync(key, members);
        var random = new Random(7);
        var warmUp = Workload.Deposits(coopId, members, 100, random, "warm");
        var rawQueue = clients.CreateQueueClient("bench-raw");
        var intake = new IntakeBenchmark(api, key, rawQueue, options.Concurrency);
        await intake.RunAsync(warmUp, 1);
        await new MinimalPostingLoop(rawQueue, clients.CreateTableServiceClient().GetTableClient(StorageNames.LedgerTable), 16).DrainAsync();
        await DrainWithHostAsync(azurite.ConnectionString, clients);   // post the warm-up so only the measured messages remain
        await api.ResetStorageRequestsAsync();

        var workload = Workload.Deposits(coopId, members, options.Transactions, random, "bench");
        say($"bench: intake of {workload.Count} transactions at concurrency {options.Concurrency}, {options.Rounds} alternating rounds, " +
            "each followed by its posting: the minimal loop and the LocalHost's queue function in alternating order");
        var baseline = new MinimalPostingLoop(rawQueue, clients.CreateTableServiceClient().GetTableClient(StorageNames.LedgerTable), 16);
        var rounds = new List<(double Baseline, double App)>();
        var postingByKind = new Dictionary<string, int>();
        async Task PostRoundAsync(int round)
        {
            double baselineRate = 0, appRate = 0;
            foreach (var app in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                if (app)
                {
                    var (rate, requests) = await DrainWithHostAsync(azurite.ConnectionString, clients);
                    appRate = rate;
                    foreach (var (kind, n) in requests.ByKind)
                    {
                        postingByKind[kind] = postingByKind.GetValueOrDefault(kind) + n;
                    }
                }
                else
                {
                    var (count, time) = await baseline.DrainAsync();
                    baselineRate = count / time.TotalSeconds;
                }
            }
            rounds.Add((baselineRate, appRate));
            say($"bench: posting round {round + 1} ({(round % 2 == 0 ? "minimal loop first" : "app first")}): app {Stats.PerSecond(appRate)}, " +
                $"minimal loop {Stats.PerSecond(baselineRate)}, ratio {Stats.F(appRate / baselineRate)}");
        }
        var result = await intake.RunAsync(workload, options.Rounds, PostRoundAsync);
        var peakMb = intakeHost.PeakResidentBytes() / (1024.0 * 1024.0);
        var intakeRequests = Count(await api.StorageRequestsAsync());
        var postingRequests = new RequestCount(postingByKind.Values.Sum(), postingByKind);

        await intakeHost.KillAsync();
        figures.Add(new Figure("intake (HTTP through the LocalHost)", Stats.PerSecond(result.HttpPerSecond),
            $"{Stats.PerSecond(result.RawPerSecond)} raw SendMessageAsync", result.Ratio, $"≥ {IntakeTarget}", result.Ratio >= IntakeTarget));
        figures.Add(new Figure("intake latency p50 / p99", $"{Stats.Ms(result.P50)} / {Stats.Ms(result.P99)}", "—", null, "—", null));
        figures.Add(new Figure("memory: LocalHost peak RSS during intake", $"{peakMb:0} MB", $"{MemoryTargetMb} MB", peakMb / MemoryTargetMb, $"≤ {MemoryTargetMb} MB", peakMb <= MemoryTargetMb));

        // Posting: per round, the ratio of the app's rate to the minimal loop's on the same messages and table state.
        var ratios = rounds.Select(r => r.App / r.Baseline).Order().ToList();
        var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
        figures.Add(new Figure($"posting (queue → ledger, end to end), median of {ratios.Count} alternating rounds",
            Stats.PerSecond(rounds.Average(r => r.App)), $"{Stats.PerSecond(rounds.Average(r => r.Baseline))} minimal loop; round ratios {Stats.F(ratios[0])}–{Stats.F(ratios[^1])}",
            median, $"≥ {PostingTarget}", median >= PostingTarget));

        var perTransaction = (intakeRequests.Total + postingRequests.Total) / (double)workload.Count;
        const double minimum = 4 + 1 / 16.0;   // send + receive share + balance point read + batch + delete
        figures.Add(new Figure("storage requests per transaction (intake → posted, idle polling excluded)", Stats.F(perTransaction),
            $"{Stats.F(minimum)} design minimum", perTransaction / minimum, $"≤ {RequestsTarget}", perTransaction <= RequestsTarget));
        foreach (var group in intakeRequests.ByKind.Concat(postingRequests.ByKind).GroupBy(k => k.Key).OrderBy(g => g.Key))
        {
            say($"bench: requests {group.Key}: {Stats.F(group.Sum(c => c.Value) / (double)workload.Count, "0.000")} per transaction");
        }

        // Webhooks: signed Standard Webhooks notifications through a LocalHost of their own, after the measurements above.
        var hookHost = new LocalHostProcess(azurite.ConnectionString, "webhooks", new Dictionary<string, string> { ["LocalHost__DisableQueueTriggers"] = "true" });
        await hookHost.StartAsync();
        var webhooks = new WebhookBenchmark(hookHost.BaseAddress, coopId, key, options.Concurrency);
        await webhooks.SetUpAsync(members);
        var hooks = await webhooks.RunAsync(members, options.Webhooks, random);
        await hookHost.KillAsync();
        await DrainWithHostAsync(azurite.ConnectionString, clients);
        figures.Add(new Figure("webhooks (signed Standard Webhooks calls, verified, recorded, queued)", Stats.PerSecond(hooks.HttpPerSecond),
            $"{Stats.PerSecond(result.RawPerSecond)} raw SendMessageAsync", hooks.HttpPerSecond / result.RawPerSecond, "—", null));
        figures.Add(new Figure("webhook latency p50 / p99", $"{Stats.Ms(hooks.P50)} / {Stats.Ms(hooks.P99)}", "1 s provider budget",
            hooks.P99.TotalSeconds, "p99 < 1 s", hooks.P99 < TimeSpan.FromSeconds(1)));

        // Loans: repayment posting against deposit posting, in alternating rounds on the same members.
        var loans = await new LoanBenchmark(azurite.ConnectionString, clients, coopId, key, members, options, say).RunAsync(random);
        figures.AddRange(loans.Figures);

        var audit = await services.GetRequiredService<LedgerAudit>().RunAsync(coopId);
        var expected = workload.Count + warmUp.Count + options.Webhooks + loans.Postings;
        var held = result.Refused == 0 && hooks.Refused == 0 && loans.Refused == 0 && audit.Ok && audit.PostedMarkers + audit.RejectedMarkers == expected;
        say($"bench: ledger check after the run: {(audit.Ok ? "ok" : "FAILED: " + string.Join("; ", audit.Problems.Take(5)))}; " +
            $"{audit.PostedMarkers} posted + {audit.RejectedMarkers} rejected of {expected} accepted; {result.Refused} refused at intake, {hooks.Refused} webhooks refused");
        return new PipelineRun(figures, held);
    }

    /// <summary>Starts a LocalHost with its queue triggers on, measures how fast it empties the transactions queue, and stops it.</summary>
    internal static async Task<(double Rate, RequestCount Requests)> DrainWithHostAsync(string connection, StorageClientFactory clients)
    {
        await using var host = new LocalHostProcess(connection, "posting");
        await host.StartAsync();
        var (processed, elapsed) = await QueueDrain.WatchAsync(clients.CreateQueueClient(StorageNames.TransactionsQueue), TimeSpan.FromMinutes(15));
        var requests = Count(await new BenchApi(host.BaseAddress).StorageRequestsAsync());
        return (elapsed > TimeSpan.Zero ? processed / elapsed.TotalSeconds : 0, requests);
    }

    internal static RequestCount Count(Dictionary<string, int> byKind)
    {
        var counted = byKind.Where(k => k.Key != StorageRequestCounter.IdleReceive && !k.Key.EndsWith(" queue queue", StringComparison.Ordinal) && !k.Key.EndsWith(" table tables", StringComparison.Ordinal))
            .ToDictionary(k => k.Key, k => k.Value);
        return new RequestCount(counted.Values.Sum(), counted);
    }
}
