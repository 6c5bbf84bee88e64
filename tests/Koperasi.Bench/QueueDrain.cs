using System.Diagnostics;
using Azure.Storage.Queues;

namespace Koperasi.Bench;

/// <summary>Watches a queue drain: the clock starts when the first message is gone and stops when none is left.</summary>
public static class QueueDrain
{
    public static async Task<(int Processed, TimeSpan Elapsed)> WatchAsync(QueueClient queue, TimeSpan timeout)
    {
        var initial = await CountAsync(queue);
        var deadline = Stopwatch.StartNew();
        long? started = null;
        var atStart = initial;
        while (deadline.Elapsed < timeout)
        {
            var count = await CountAsync(queue);
            if (started is null && count < initial)
            {
                started = Stopwatch.GetTimestamp();
                atStart = count;
            }
            if (count == 0)
            {
                return started is null ? (0, TimeSpan.Zero) : (atStart, Stopwatch.GetElapsedTime(started.Value));
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"queue {queue.Name} did not drain within {timeout}");
    }

    public static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
