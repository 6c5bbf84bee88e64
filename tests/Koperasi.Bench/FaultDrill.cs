using System.Collections.Concurrent;
using System.Net;
using Koperasi.Functions;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Koperasi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Bench;

/// <summary>
/// Sends thousands of transactions (with re-sends, conflicts, overdrafts and a burst for one member) while the
/// LocalHost is killed with SIGKILL at random moments and restarted, and Azurite (on disk) is stopped once and
/// brought back. Then checks that every transaction that got a 202 was posted or rejected exactly once and that
/// every ledger invariant holds.
/// </summary>
public sealed class FaultDrill(DrillOptions options, Action<string> say)
{
    private static readonly TimeSpan AutosaveQuiet = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, TransactionMessage> accepted = new();
    private int kills, resends, conflictsRefused, gaveUp, answered, planned, loans;
    private AzuriteProcess azurite = null!;   // replaced when the chaos restarts it

    public async Task<bool> RunAsync()
    {
        var folder = RepoPaths.Combine(".local", "bench", "drill-azurite");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        azurite = await AzuriteProcess.StartAsync(folder);
        var ports = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var connection = azurite.ConnectionString;
        var host = new LocalHostProcess(connection, "drill", new Dictionary<string, string> { ["LocalHost__MessageLeaseSeconds"] = "10" });
        await host.StartAsync();
        var api = new BenchApi(host.BaseAddress);
        var (coopId, key) = await api.CreateCooperativeAsync();
        var members = Workload.Members(options.Members);
        await api.AddMembersAsync(key, members.Append("BURST"));
        // A quarter of the members borrow: their repayments (a tenth of the sends) go through the same chaos.
        var borrowers = members.Where((_, i) => i % 4 == 0).ToList();
        await api.ActiveLoansAsync(key, borrowers);
        loans = borrowers.Count;
        var random = new Random(20261130);
        var plan = Plan(coopId, members, borrowers, random);
        say($"drill: {plan.Count} sends to {options.Members + 1} members ({loans} with a loan, repaid by {plan.Count(m => m.Kind == TransactionKinds.LoanRepayment)} of the sends), {options.Kills} SIGKILLs of the LocalHost, Azurite (on disk) stopped once and kept down {options.AzuriteDown.TotalSeconds:0} s");

        using var stop = new CancellationTokenSource();
        var chaos = Task.Run(() => ChaosAsync(host, ports, folder, random, stop.Token));
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (send, _) => await SendAsync(api, key, send));
        stop.Cancel();
        await chaos;
        if (host.ProcessId is null)
        {
            await host.StartAsync();
        }

        var services = new ServiceCollection().AddLogging()
            .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connection,
                ["Platform:AdminKey"] = LocalHostProcess.PlatformAdminKey,
                // The ledger check names the Standard Webhooks clearing accounts from the providers' settings.
                ["Providers:SecretsKey"] = LocalHostProcess.ProvidersSecretsKey,
            }).Build()).BuildServiceProvider();
        var clients = services.GetRequiredService<StorageClientFactory>();
        await WaitEmptyAsync(clients, StorageNames.TransactionsQueue);
        await WaitEmptyAsync(clients, StorageNames.TransactionsPoisonQueue);
        var ok = await VerifyAsync(services, coopId);
        await host.KillAsync();
        await azurite.StopAsync(TimeSpan.FromSeconds(20));
        return ok;
    }

    private List<TransactionMessage> Plan(string coopId, List<string> members, List<string> borrowers, Random random)
    {
        var burstAt = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
        var burst = Enumerable.Range(0, options.Burst).Select(i => new TransactionMessage(coopId, "api", $"burst-{i:D4}", "BURST",
            i % 5 == 4 ? TransactionKinds.Withdrawal : TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 10_000, burstAt.AddSeconds(i), "burst", null));
        var repayments = Workload.Repayments(coopId, borrowers, options.Transactions / 10, random, "drill-loan");
        var spread = Workload.Deposits(coopId, members, options.Transactions - options.Burst - repayments.Count, random, "drill").Concat(repayments).ToList();
        var all = spread.Concat(burst).ToList();
        var sends = new List<TransactionMessage>(all);
        sends.AddRange(all.Where(_ => random.NextDouble() < 0.08));                                                  // safe re-sends
        sends.AddRange(all.Where(_ => random.NextDouble() < 0.01).Select(m => m with { Amount = m.Amount + 1 }));  // conflicts
        var burstIds = burst.Select(b => b.Id).ToHashSet();
        var shuffled = sends.Where(m => !burstIds.Contains(m.Id)).OrderBy(_ => random.Next()).ToList();
        shuffled.InsertRange(random.Next(shuffled.Count / 3), burst);                                                // the burst arrives together
        planned = shuffled.Count;
        return shuffled;
    }

    private async Task SendAsync(BenchApi api, string key, TransactionMessage message)
    {
        var json = Workload.IntakeJson(message);
        // A teller's app keeps trying for minutes (Azurite can take over a minute to flush and exit on SIGTERM).
        for (var attempt = 1; attempt <= 300; attempt++)
        {
            try
            {
                var (status, _) = await api.PostTransactionAsync(key, json);
                if (status is HttpStatusCode.Accepted or HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref answered);
                }
                if (status == HttpStatusCode.Accepted)
                {
                    if (!accepted.TryAdd(message.Id, message))
                    {
                        Interlocked.Increment(ref resends);
                    }
                    return;
                }
                if (status == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref conflictsRefused);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The LocalHost is down: a teller's app tries again with the same id, which is safe.
            }
            catch (TaskCanceledException)
            {
                // Timed out while the host died: the same, try again.
            }
            await Task.Delay(Math.Min(2_000, 100 * attempt));
        }
        Interlocked.Increment(ref gaveUp);
    }

    private async Task ChaosAsync(LocalHostProcess host, (int Blob, int Queue, int Table) ports, string folder, Random random, CancellationToken stop)
    {
        var azuriteDownAfter = Math.Max(1, options.Kills / 2);
        // Kill at random points spread over the sending, so that intake and posting are both hit mid-flight.
        var killAt = Enumerable.Range(0, options.Kills).Select(_ => 0.05 + random.NextDouble() * 0.85).Order().ToList();
        for (var kill = 1; kill <= options.Kills; kill++)
        {
            while (answered < killAt[kill - 1] * planned && !stop.IsCancellationRequested)
            {
                await Task.Delay(20, CancellationToken.None);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 300)), CancellationToken.None);
            await host.KillAsync();
            Interlocked.Increment(ref kills);
            say($"drill: SIGKILL #{kill} of the LocalHost ({accepted.Count} accepted so far)");
            if (kill == azuriteDownAfter)
            {
                // Real storage never loses an acknowledged write, so stop Azurite only once it has flushed: with the
                // LocalHost dead nothing writes, and Azurite saves its databases every 5 s (LokiJS autosave). Then
                // SIGTERM; its shutdown waits for its extent GC, which can take minutes on a big queue, so SIGKILL after 30 s.
                await Task.Delay(AutosaveQuiet, CancellationToken.None);
                var graceful = await azurite.StopAsync(TimeSpan.FromSeconds(30));
                say($"drill: Azurite stopped after {AutosaveQuiet.TotalSeconds:0} s without writes (3 autosaves) " +
                    $"{(graceful ? "on SIGTERM" : "by SIGKILL: SIGTERM waited on its extent GC")}; the LocalHost restarts against dead storage");
                await host.StartAsyncAllowingUnhealthy();
                await Task.Delay(options.AzuriteDown, CancellationToken.None);
                azurite = await AzuriteProcess.StartAsync(folder, ports);
                say("drill: Azurite is back");
                continue;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1_500)), CancellationToken.None);
            await host.StartAsync();
        }
        while (!stop.IsCancellationRequested && host.ProcessId is null)
        {
            await host.StartAsync();
        }
    }

    private static async Task WaitEmptyAsync(StorageClientFactory clients, string queueName)
    {
        var queue = clients.CreateQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        var until = DateTime.UtcNow.AddMinutes(5);
        while (await QueueDrain.CountAsync(queue) > 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{queueName} is not empty after 5 minutes");
            }
            await Task.Delay(250);
        }
    }

    private async Task<bool> VerifyAsync(ServiceProvider services, string coopId)
    {
        var reader = services.GetRequiredService<LedgerReader>();
        int posted = 0, rejected = 0;
        var missing = new List<string>();
        await Parallel.ForEachAsync(accepted.Values, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, ct) =>
        {
            var status = await reader.FindStatusAsync(coopId, m.MemberId, m.Id, ct);
            if (status?.Status == TransactionStatus.Posted) Interlocked.Increment(ref posted);
            else if (status?.Status == TransactionStatus.Rejected) Interlocked.Increment(ref rejected);
            else lock (missing) missing.Add(m.Id);
        });
        var audit = await services.GetRequiredService<LedgerAudit>().RunAsync(coopId);
        var trial = await reader.TrialBalanceAsync(coopId, new DateOnly(2100, 1, 1));
        var failures = await services.GetRequiredService<FailureStore>().ListAsync(coopId, new Koperasi.Functions.Api.Paging(1000, null), fullErrors: true);
        var poisoned = failures.Items.Where(f => f.Kind == FailureRecord.Poisoned).ToList();
        say($"drill: {accepted.Count} transactions got 202 ({resends} safe re-sends answered 202 again, {conflictsRefused} conflicting re-sends refused with 409, {gaveUp} gave up)");
        say($"drill: {posted} posted + {rejected} rejected = {posted + rejected} (each exactly once: {audit.Journals} journals for {audit.PostedMarkers} posted markers, " +
            $"{loans} of them the loans' disbursements; every repayment on its loan's schedule once: the ledger check)");
        say($"drill: {kills} SIGKILLs, Azurite stopped and restarted once");
        say($"drill: ledger check: {(audit.Ok ? "ok" : "FAILED")} over {audit.Members} members; trial balance debit {trial.TotalDebit} = credit {trial.TotalCredit}: {trial.Balanced}");
        say($"drill: poisoned messages: {poisoned.Count}{string.Concat(poisoned.Select(p => $"\n  - {p.TransactionId}: {p.Error}"))}");
        foreach (var problem in audit.Problems.Take(20))
        {
            say("drill: PROBLEM " + problem);
        }
        var ok = missing.Count == 0 && audit.Ok && trial.Balanced && posted + rejected == accepted.Count &&
                 audit.PostedMarkers == posted + loans && audit.Journals == posted + loans && poisoned.Count == 0 && gaveUp == 0 && kills >= options.Kills;
        if (missing.Count > 0)
        {
            say($"drill: NOT POSTED OR REJECTED: {string.Join(", ", missing.Take(20))}");
        }
        return ok;
    }
}
