using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Webhooks;
using Koperasi.LocalHost;
using Koperasi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Koperasi.Functions.Tests.LocalHost;

/// <summary>The LocalHost's timers against the host's schedule monitor: an occurrence missed while down fires once at start.</summary>
public sealed class LocalHostTimerTests
{
    private const string Timer = "StartMonthlyStatements";

    [Fact]
    public async Task Start_ATimerFellDueWhileTheLocalHostWasDown_FiresOncePastDueAndNotAgain()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 4, 0, 0, TimeSpan.Zero));
        var log = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["LocalHost:DisableTimers"] = "false",
            ["LocalHost:DisableQueueTriggers"] = "true",
            ["StatementSchedule"] = "0 0 0 * * *",
        };
        void Services(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock).AddSingleton<ILoggerProvider>(log);

        var first = await StartedAsync(azurite, settings, Services);
        var (_, adminKey) = await LocalHostHarness.NewCooperativeAsync(first);
        await LocalHostHarness.StopAsync(first);
        Assert.Equal(0, Fired(log));
        // Down from 20 December to 1 January 06:00 UTC: twelve daily occurrences missed, the month of December ended.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));

        var second = await StartedAsync(azurite, settings, Services);

        Assert.Equal(1, Fired(log));
        Assert.Contains(log.Lines, l => l.Contains($"Timer {Timer} fires for 2027-01-01T06:00:00", StringComparison.Ordinal) && l.Contains("past due: True", StringComparison.Ordinal));
        using (var admin = LocalHostHarness.Client(second, adminKey))
        {
            var run = await admin.GetFromJsonAsync<JsonElement>("/api/statements/2026-12");
            Assert.Equal(clock.GetUtcNow(), run.GetProperty("startedAt").GetDateTimeOffset());
        }
        await LocalHostHarness.StopAsync(second);
        clock.Advance(TimeSpan.FromHours(1));

        var third = await StartedAsync(azurite, settings, Services);
        await LocalHostHarness.StopAsync(third);

        Assert.Equal(1, Fired(log));
    }

    private static async Task<WebApplication> StartedAsync(AzuriteProcess azurite, IDictionary<string, string?> settings, Action<IServiceCollection> services)
    {
        var host = await LocalHostHarness.StartAsync(azurite.ConnectionString, settings, services);
        var scheduler = host.Services.GetServices<IHostedService>().OfType<TimerTriggerScheduler>().Single(s => s.FunctionName == Timer);
        await scheduler.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    private static int Fired(CapturingLoggerProvider log) => log.Lines.Count(l => l.Contains($"Timer {Timer} fires for", StringComparison.Ordinal));
}
