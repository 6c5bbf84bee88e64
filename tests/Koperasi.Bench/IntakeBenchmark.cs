using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using Koperasi.Functions.Transactions;

namespace Koperasi.Bench;

/// <summary>
/// Transactions accepted per second over real HTTP through the LocalHost, against a raw
/// <c>QueueClient.SendMessageAsync</c> loop sending the same messages at the same concurrency to the same Azurite,
/// in alternating rounds of one run.
/// </summary>
public sealed class IntakeBenchmark(BenchApi api, string key, QueueClient rawQueue, int concurrency)
{
    /// <summary>Sends the messages in alternating rounds; <paramref name="afterRound"/> runs after each round's sends (the posting rounds).</summary>
    public async Task<IntakeMeasurement> RunAsync(IReadOnlyList<TransactionMessage> messages, int rounds, Func<int, Task>? afterRound = null)
    {
        await rawQueue.CreateIfNotExistsAsync();
        var latencies = new List<TimeSpan>();
        TimeSpan httpTime = TimeSpan.Zero, rawTime = TimeSpan.Zero;
        var refused = 0;
        var slices = messages.Chunk((int)Math.Ceiling(messages.Count / (double)rounds)).ToList();
        for (var round = 0; round < slices.Count; round++)
        {
            var slice = slices[round];
            if (round % 2 == 0)
            {
                (var t, refused) = await HttpAsync(slice, latencies, refused);
                httpTime += t;
                rawTime += await RawAsync(slice);
            }
            else
            {
                rawTime += await RawAsync(slice);
                (var t, refused) = await HttpAsync(slice, latencies, refused);
                httpTime += t;
            }
            if (afterRound is not null)
            {
                await afterRound(round);
            }
        }
        return new IntakeMeasurement(messages.Count / httpTime.TotalSeconds, messages.Count / rawTime.TotalSeconds,
            Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), refused);
    }

    private async Task<(TimeSpan Time, int Refused)> HttpAsync(IReadOnlyList<TransactionMessage> slice, List<TimeSpan> latencies, int refused)
    {
        var bodies = slice.Select(Workload.IntakeJson).ToList();
        var local = new TimeSpan[bodies.Count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, bodies.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var (status, latency) = await api.PostTransactionAsync(key, bodies[i], ct);
            local[i] = latency;
            if (status != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref refused);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        latencies.AddRange(local);
        return (elapsed, refused);
    }

    private async Task<TimeSpan> RawAsync(IReadOnlyList<TransactionMessage> slice)
    {
        var bodies = slice.Select(TransactionQueue.Serialize).ToList();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, ct) =>
            await rawQueue.SendMessageAsync(body, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), ct));
        return Stopwatch.GetElapsedTime(started);
    }
}
