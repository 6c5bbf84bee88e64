using Microsoft.Extensions.Time.Testing;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Drives a <see cref="FakeTimeProvider"/> while code under test waits on it: a step at a time, bounded.</summary>
public static class ManualClock
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider clock, Task<T> work, TimeSpan step, int maxSteps = 600)
    {
        for (var i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            await Task.WhenAny(work, Task.Delay(20));
            if (!work.IsCompleted)
            {
                clock.Advance(step);
            }
        }
        return await work.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
