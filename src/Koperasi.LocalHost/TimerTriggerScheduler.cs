using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Koperasi.LocalHost;

/// <summary>
/// Serves one timer-triggered function from its NCRONTAB expression (UTC, with <c>%Setting%</c> resolved). The next
/// occurrence is computed from the last due time, never from "now", so an early wake-up cannot fire twice.
/// </summary>
public sealed partial class TimerTriggerScheduler(
    FunctionEntry function, FunctionInvoker invoker, IConfiguration configuration, TimeProvider time, ILogger<TimerTriggerScheduler> logger)
    : BackgroundService
{
    public static CrontabSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = (TimerTriggerAttribute)function.Trigger;
        var schedule = Parse(SettingNames.Resolve(trigger.Schedule, configuration));
        var last = time.GetUtcNow().UtcDateTime;
        if (trigger.RunOnStartup)
        {
            await RunAsync(schedule, last, last, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = schedule.GetNextOccurrence(last);
            while (time.GetUtcNow().UtcDateTime < due)
            {
                var wait = due - time.GetUtcNow().UtcDateTime;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, stoppingToken);
            }
            await RunAsync(schedule, last, due, stoppingToken);
            last = due;
        }
    }

    private async Task RunAsync(CrontabSchedule schedule, DateTime last, DateTime due, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            IsPastDue = now - due > TimeSpan.FromMinutes(1),
            ScheduleStatus = new ScheduleStatus { Last = last, Next = schedule.GetNextOccurrence(due), LastUpdated = now },
        };
        try
        {
            await invoker.InvokeAsync(function, info, null, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogTimerFailed(logger, e, function.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string function);
}
