using System.Diagnostics;
using System.Text.Json;
using Koperasi.Functions;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Transactions;
using Koperasi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Bench;

/// <summary>
/// Monthly statements rendered and written to the outbox, per second, for a cooperative of N members and one of 2N
/// members with ~30 movements each, through the app's own delivery (the code the statements queue function runs)
/// at the queue's concurrency. Cost must grow linearly: the 2N run may take at most 2.2 times the N run.
/// </summary>
public sealed class StatementsBenchmark(int members, int movements, int concurrency, Action<string> say)
{
    private static readonly StatementPeriod October = new(2026, 10);

    public async Task<IReadOnlyList<Figure>> RunAsync(string connection)
    {
        var outbox = RepoPaths.Combine(".local", "bench", "outbox");
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
        await using var services = new ServiceCollection().AddLogging()
            .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connection,
                ["Platform:AdminKey"] = LocalHostProcess.PlatformAdminKey,
                ["Providers:SecretsKey"] = LocalHostProcess.ProvidersSecretsKey,
                ["Email:Mode"] = "Outbox",
                ["Email:OutboxPath"] = outbox,
            }).Build()).BuildServiceProvider();

        // Both cooperatives are seeded before either is measured, so both runs read the same storage.
        var smallCoop = await SeedAsync(services, members);
        var largeCoop = await SeedAsync(services, members * 2);
        var check = await services.GetRequiredService<LedgerAudit>().RunAsync(smallCoop.CooperativeId);
        if (!check.Ok)
        {
            throw new InvalidOperationException("the seeded ledger breaks an invariant: " + string.Join("; ", check.Problems.Take(5)));
        }
        var small = await MeasureAsync(services, smallCoop, Path.Combine(outbox, "n"));
        var large = await MeasureAsync(services, largeCoop, Path.Combine(outbox, "2n"));
        var growth = large.Elapsed.TotalSeconds / small.Elapsed.TotalSeconds;
        return
        [
            new Figure($"statements, {members:N0} members × ~{movements} movements (rendered + outbox)", Stats.PerSecond(small.Rate), "—", null, "—", null),
            new Figure($"statements, {members * 2:N0} members: time vs the {members:N0} run", $"{Stats.PerSecond(large.Rate)}, {large.Elapsed.TotalSeconds:0.0} s",
                $"{small.Elapsed.TotalSeconds:0.0} s", growth, "≤ 2.2", growth <= 2.2),
        ];
    }

    private async Task<(double Rate, TimeSpan Elapsed)> MeasureAsync(ServiceProvider services, (string CooperativeId, List<string> Members) seeded, string outbox)
    {
        var (cooperativeId, memberIds) = seeded;
        var count = memberIds.Count;
        var delivery = ActivatorUtilities.CreateInstance<StatementDelivery>(services,
            new OutboxStatementSender(Microsoft.Extensions.Options.Options.Create(new EmailOptions { Mode = EmailMode.Outbox, OutboxPath = outbox })));
        var statuses = new StatementStatus[memberIds.Count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, memberIds.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            statuses[i] = await delivery.DeliverAsync(new StatementMessage(cooperativeId, memberIds[i], October.Key), ct));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var files = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml", SearchOption.AllDirectories).Length : 0;
        if (statuses.Any(s => s != StatementStatus.Sent) || files != count)
        {
            throw new InvalidOperationException($"statements for {count} members: {statuses.Count(s => s == StatementStatus.Sent)} sent, {files} files in the outbox");
        }
        say($"bench: {count} statements sent to the outbox in {elapsed.TotalSeconds:0.0} s");
        return (count / elapsed.TotalSeconds, elapsed);
    }

    /// <summary>A cooperative whose members each have ~30 postings in October, written with the ledger's own rules and rows.</summary>
    private async Task<(string CooperativeId, List<string> Members)> SeedAsync(ServiceProvider services, int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"S{i:D5}").ToList();
        var cooperative = await LedgerSeeder.CooperativeWithMembersAsync(services, $"Koperasi Statement Bench {count}", ids);
        var start = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(8));
        var seeded = Stopwatch.StartNew();
        await LedgerSeeder.SeedAsync(services, cooperative, ids, (id, _) => Enumerable.Range(0, movements).Select(j => Movement(cooperative.Id, id, j, start)).ToList(), 16);
        say($"bench: seeded {count} members with {count * movements} postings in {seeded.Elapsed.TotalSeconds:0} s");
        return (cooperative.Id, ids);
    }

    private static TransactionMessage Movement(string cooperativeId, string memberId, int j, DateTimeOffset start)
    {
        var (kind, account, amount) = j switch
        {
            0 => (TransactionKinds.Deposit, TransactionKinds.SimpananPokok, 100_000L),
            1 => (TransactionKinds.Deposit, TransactionKinds.SimpananWajib, 50_000L),
            _ when j % 4 == 3 => (TransactionKinds.Withdrawal, TransactionKinds.SimpananSukarela, 10_000L),
            _ => (TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 25_000L + j * 1_000L),
        };
        return new TransactionMessage(cooperativeId, TransactionMessage.ApiSource, $"st-{memberId}-{j:D2}", memberId, kind, account, amount,
            start.AddHours(j * 24), $"Mutasi {j + 1}", null);
    }
}
