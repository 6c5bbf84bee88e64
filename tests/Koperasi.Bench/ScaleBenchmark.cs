using System.Diagnostics;
using System.Text.Json;
using Koperasi.Functions;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Bench;

/// <summary>
/// Issue 15's measure: a cooperative with years of history (every member a posting a week) side by side with a young
/// one of as many members (one posting each), on the same Azurite: entities storage answers per posting, per trial
/// balance and per statement, and storage requests per transaction from intake to posted, counted by pipeline policies
/// on the app's own services. Both are seeded in bulk with the ledger's own rows (<see cref="LedgerSeeder"/>); the
/// measured postings, trial balances and statements run the app's code.
/// </summary>
public sealed class ScaleBenchmark(int members, int years, Action<string> say)
{
    private const int Sample = 20;
    /// <summary>The young cooperative's history: since late September, so that its October statement has as many movements as the old one's.</summary>
    private const int YoungWeeks = 9;
    private static readonly TimeSpan Zone = TimeSpan.FromHours(8);
    /// <summary>The measured postings' day; the history ends the week before, and October is the closed month whose statements are read.</summary>
    private static readonly DateTimeOffset Today = new(2026, 11, 25, 9, 0, 0, Zone);
    private static readonly StatementPeriod October = new(2026, 10);

    public async Task<IReadOnlyList<Figure>> RunAsync(string connection)
    {
        var requests = new StorageRequestCounter();
        var entities = new EntityReadCounter();
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(requests)
            .AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(entities)
            .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connection,
                ["Platform:AdminKey"] = LocalHostProcess.PlatformAdminKey,
                ["Providers:SecretsKey"] = LocalHostProcess.ProvidersSecretsKey,
            }).Build()).BuildServiceProvider();

        var old = await SeedAsync(services, "sejarah", weeks: years * 52);
        var young = await SeedAsync(services, "baru", weeks: YoungWeeks);
        var figures = new List<Figure>();
        // The first request of each kind pays for the JIT and the connections: one of each for either cooperative, not timed.
        foreach (var seeded in new[] { old, young })
        {
            await WarmUpAsync(services, seeded);
        }
        var rows = new List<(string Name, Measured Old, Measured Young)>();
        foreach (var (name, measure) in new (string, Func<Seeded, Task<Measured>>)[]
                 {
                     ("posting (a deposit, the fold included)", s => PerPostingAsync(services, entities, s)),
                     ("trial balance", s => PerTrialBalanceAsync(services, entities, s)),
                     ("statement (October, closed)", s => PerStatementAsync(services, entities, s)),
                 })
        {
            rows.Add((name, await measure(old), await measure(young)));
        }
        foreach (var (name, o, y) in rows)
        {
            var ratio = o.Entities / y.Entities;
            figures.Add(new Figure($"entities read per {name}: {years} years × {members:N0} members vs {YoungWeeks} weeks", Stats.F(o.Entities), Stats.F(y.Entities), ratio,
                "≤ 1.2", ratio <= 1.2));
        }
        // Both cooperatives live in the same tables, so Azurite's whole-table scans cost both alike: the time ratio is
        // the app's own growth with history (no target in the issue; informational).
        foreach (var (name, o, y) in rows)
        {
            figures.Add(new Figure($"time per {name}: {years} years vs {YoungWeeks} weeks, same tables", Stats.Ms(TimeSpan.FromMilliseconds(o.Milliseconds)),
                Stats.Ms(TimeSpan.FromMilliseconds(y.Milliseconds)), o.Milliseconds / y.Milliseconds, "—", null));
        }

        var single = await RequestsPerSingleSendAsync(services, requests, old);
        var batch = await RequestsPerBatchItemAsync(services, requests, old);
        figures.Add(new Figure($"storage requests per single send (intake → posted and folded, {years} years)", Stats.F(single.Total),
            "5 (issue 15)", single.Total / 5, "≤ 5", single.Total <= 5));
        figures.Add(new Figure($"storage requests per item, batches of 100 over 10 members ({years} years)", Stats.F(batch.Total),
            "3 (issue 15)", batch.Total / 3, "≤ 3", batch.Total <= 3));
        foreach (var (label, counted) in new[] { ("single send", single), ("batch item", batch) })
        {
            say($"bench: requests per {label}: " + string.Join(", ", counted.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {Stats.F(k.Value, "0.00")}")));
        }
        Exact = await TrialBalanceExactAsync(services, old) && await TrialBalanceExactAsync(services, young);
        say($"bench: trial balance from the shards equals the seeded journals to the rupiah: {Exact}");
        return figures;
    }

    /// <summary>Whether the shards' trial balance equalled the journals seeded (and posted since) in both cooperatives.</summary>
    public bool Exact { get; private set; }

    private sealed record Seeded(Cooperative Cooperative, List<string> Members, Dictionary<string, IReadOnlyList<JournalEntry>> Journals)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Touched { get; } = new(StringComparer.Ordinal);
    }

    private async Task<Seeded> SeedAsync(ServiceProvider services, string label, int weeks)
    {
        var ids = Enumerable.Range(1, members).Select(i => $"K{i:D5}").ToList();
        var cooperative = await LedgerSeeder.CooperativeWithMembersAsync(services, $"Koperasi Skala {label}", ids);
        var seeding = Stopwatch.StartNew();
        var journals = await LedgerSeeder.SeedAsync(services, cooperative, ids, (id, i) => Weekly(cooperative.Id, id, i, weeks), 8);
        var count = journals.Values.Sum(j => j.Count);
        say($"bench: seeded {label}: {members} members × {weeks} weeks = {count:N0} journals in {seeding.Elapsed.TotalSeconds:0} s (bulk, the ledger's own rows)");
        return new Seeded(cooperative, ids, journals);
    }

    /// <summary>A posting a week, ending the week before <see cref="Today"/>: pokok and wajib first, then wajib and sukarela, a withdrawal every fifth week.</summary>
    private static List<TransactionMessage> Weekly(string cooperativeId, string memberId, int index, int weeks) =>
        Enumerable.Range(0, weeks).Select(w =>
        {
            var at = Today.AddDays(-7 * (weeks - w)).AddHours(index % 8);
            var (kind, account, amount) = w switch
            {
                0 => (TransactionKinds.Deposit, TransactionKinds.SimpananPokok, 100_000L),
                _ when w % 4 == 1 => (TransactionKinds.Deposit, TransactionKinds.SimpananWajib, 50_000L),
                _ when w % 5 == 4 => (TransactionKinds.Withdrawal, TransactionKinds.SimpananSukarela, 15_000L),
                _ => (TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 20_000L + index % 7 * 1_000L),
            };
            return new TransactionMessage(cooperativeId, TransactionMessage.ApiSource, $"seed-{memberId}-{w:D4}", memberId, kind, account, amount, at, "setoran", null);
        }).ToList();

    /// <summary>Entities storage answered and milliseconds taken, each per request measured.</summary>
    private sealed record Measured(double Entities, double Milliseconds);

    private static async Task<Measured> PerPostingAsync(ServiceProvider services, EntityReadCounter entities, Seeded seeded)
    {
        var posting = services.GetRequiredService<LedgerPosting>();
        var total = 0;
        var time = TimeSpan.Zero;
        foreach (var member in Pick(seeded, 0, Sample))
        {
            var message = new TransactionMessage(seeded.Cooperative.Id, TransactionMessage.ApiSource, $"m-{member}-{Guid.NewGuid():N}", member,
                TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 7_000, Today, "bench", null);
            entities.Reset();
            var started = Stopwatch.GetTimestamp();
            await posting.PostAsync(message);
            time += Stopwatch.GetElapsedTime(started);
            total += entities.Entities;
            Record(seeded, member, message);
        }
        return new(total / (double)Sample, time.TotalMilliseconds / Sample);
    }

    /// <summary>A posting for the cooperative's last member (outside the samples but for tiny cooperatives), a trial balance and a statement.</summary>
    private static async Task WarmUpAsync(ServiceProvider services, Seeded seeded)
    {
        var member = seeded.Members[^1];
        var message = new TransactionMessage(seeded.Cooperative.Id, TransactionMessage.ApiSource, $"w-{member}-{Guid.NewGuid():N}", member,
            TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 1_000, Today, "bench", null);
        await services.GetRequiredService<LedgerPosting>().PostAsync(message);
        Record(seeded, member, message);
        await services.GetRequiredService<LedgerReader>().TrialBalanceAsync(seeded.Cooperative.Id, DateOnly.FromDateTime(Today.Date));
        var found = (await services.GetRequiredService<MemberStore>().FindAsync(seeded.Cooperative.Id, member))!;
        await services.GetRequiredService<StatementReader>().ReadAsync(seeded.Cooperative with { ClosedThrough = October.First }, found, October);
    }

    private static async Task<Measured> PerTrialBalanceAsync(ServiceProvider services, EntityReadCounter entities, Seeded seeded)
    {
        var reader = services.GetRequiredService<LedgerReader>();
        entities.Reset();
        const int times = 5;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < times; i++)
        {
            await reader.TrialBalanceAsync(seeded.Cooperative.Id, DateOnly.FromDateTime(Today.Date));
        }
        return new(entities.Entities / (double)times, Stopwatch.GetElapsedTime(started).TotalMilliseconds / times);
    }

    private static async Task<Measured> PerStatementAsync(ServiceProvider services, EntityReadCounter entities, Seeded seeded)
    {
        var reader = services.GetRequiredService<StatementReader>();
        var store = services.GetRequiredService<MemberStore>();
        var closed = seeded.Cooperative with { ClosedThrough = October.First };
        var total = 0;
        var time = TimeSpan.Zero;
        foreach (var id in Pick(seeded, Sample, Sample))
        {
            var member = (await store.FindAsync(seeded.Cooperative.Id, id))!;
            entities.Reset();
            var started = Stopwatch.GetTimestamp();
            await reader.ReadAsync(closed, member, October);
            time += Stopwatch.GetElapsedTime(started);
            total += entities.Entities;
        }
        return new(total / (double)Sample, time.TotalMilliseconds / Sample);
    }

    /// <summary>Single sends: intake, one receive per 16 messages, posting (with the fold), delete; all through the counted clients.</summary>
    private static async Task<(double Total, Dictionary<string, double> ByKind)> RequestsPerSingleSendAsync(ServiceProvider services, StorageRequestCounter requests, Seeded seeded)
    {
        var intake = services.GetRequiredService<TransactionIntake>();
        var messages = Pick(seeded, 2 * Sample, 32).Select(m => new TransactionMessage(seeded.Cooperative.Id, TransactionMessage.ApiSource,
            $"s-{m}-{Guid.NewGuid():N}", m, TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 3_000, Today, "bench", null)).ToList();
        requests.Reset();
        foreach (var m in messages)
        {
            await intake.AcceptAsync(seeded.Cooperative.Id, JsonSerializer.SerializeToElement(m.ToRequest(), Koperasi.Functions.Api.ApiJson.Options));
        }
        await PostQueuedAsync(services, seeded, messages.Count);
        return Per(requests, messages.Count);
    }

    /// <summary>One batch of 100 items over 10 members: intake of the batch, the messages it queued (one group per member), their posting.</summary>
    private static async Task<(double Total, Dictionary<string, double> ByKind)> RequestsPerBatchItemAsync(ServiceProvider services, StorageRequestCounter requests, Seeded seeded)
    {
        var intake = services.GetRequiredService<TransactionIntake>();
        var ten = Pick(seeded, 2 * Sample + 32, 10).ToList();
        var items = Enumerable.Range(0, 100).Select(i => new TransactionMessage(seeded.Cooperative.Id, TransactionMessage.ApiSource,
            $"b-{Guid.NewGuid():N}", ten[i % 10], TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 1_000 + i, Today, "bench", null)).ToList();
        requests.Reset();
        await intake.AcceptBatchAsync(seeded.Cooperative.Id, JsonSerializer.SerializeToElement(items.Select(m => m.ToRequest()), Koperasi.Functions.Api.ApiJson.Options));
        await PostQueuedAsync(services, seeded, null);
        items.ForEach(m => Record(seeded, m.MemberId, m));
        return Per(requests, items.Count);
    }

    /// <summary>What the queue host does: receive up to 16 at a time, post each message, delete it.</summary>
    private static async Task PostQueuedAsync(ServiceProvider services, Seeded seeded, int? expected)
    {
        var queue = services.GetRequiredService<StorageClientFactory>().CreateQueueClient(StorageNames.TransactionsQueue);
        var posting = services.GetRequiredService<LedgerPosting>();
        var done = 0;
        while (true)
        {
            var received = (await queue.ReceiveMessagesAsync(16)).Value;
            if (received.Length == 0)
            {
                break;
            }
            foreach (var message in received)
            {
                var group = TransactionQueue.Deserialize(message.Body.ToString());
                await posting.PostAsync(group);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                done += group.Items.Count;
                if (expected is not null)
                {
                    Record(seeded, group.MemberId, group.Items[0]);
                }
            }
            if (expected is { } n && done >= n)
            {
                break;
            }
        }
    }

    /// <summary>Members from <paramref name="offset"/> on, wrapping round a small cooperative.</summary>
    private static IEnumerable<string> Pick(Seeded seeded, int offset, int count) =>
        Enumerable.Range(offset, count).Select(i => seeded.Members[i % seeded.Members.Count]);

    /// <summary>A member the measurements posted for: its journals are read again before the exactness check.</summary>
    private static void Record(Seeded seeded, string member, TransactionMessage m) => seeded.Touched[member] = m.Id;

    private static async Task<bool> TrialBalanceExactAsync(ServiceProvider services, Seeded seeded)
    {
        var reader = services.GetRequiredService<LedgerReader>();
        foreach (var member in seeded.Touched.Keys)
        {
            seeded.Journals[member] = await reader.EntriesAsync(seeded.Cooperative.Id, member);
        }
        var trial = await reader.TrialBalanceAsync(seeded.Cooperative.Id, DateOnly.FromDateTime(Today.Date));
        var lines = seeded.Journals.Values.SelectMany(j => j).SelectMany(e => e.Lines).GroupBy(l => l.Account)
            .ToDictionary(g => g.Key, g => (g.Sum(l => l.Debit), g.Sum(l => l.Credit)));
        return trial.Accounts.Count == lines.Count && trial.Accounts.All(a => lines.TryGetValue(a.Code, out var t) && t == (a.Debit, a.Credit));
    }

    private static (double Total, Dictionary<string, double> ByKind) Per(StorageRequestCounter requests, int items)
    {
        var counted = PipelineBenchmark.Count(new Dictionary<string, int>(requests.ByKind));
        return (counted.Total / (double)items, counted.ByKind.ToDictionary(k => k.Key, k => k.Value / (double)items));
    }
}
