using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Koperasi.LocalHost;

/// <summary>
/// Serves one timer-triggered function from its NCRONTAB expression (UTC, with <c>%Setting%</c> resolved). The next
/// occurrence is computed from the last due time, never from "now", so an early wake-up cannot fire twice. Like the
/// host's schedule monitor (<c>UseMonitor</c>, on by default for schedules of a minute or more), it records each
/// timer's last and next occurrence in storage, and at start fires once, past due, a timer whose recorded next
/// occurrence passed while the LocalHost was down.
/// </summary>
public sealed partial class TimerTriggerScheduler(
    FunctionEntry function, FunctionInvoker invoker, TimerStatusStore statuses, IConfiguration configuration, TimeProvider time,
    ILogger<TimerTriggerScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan MonitoredFrom = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string timerName = TimerStatusStore.TimerName(function);
    private bool monitored;

    public string FunctionName => function.Name;

    /// <summary>Completes once the start-up check (and a past-due or run-on-startup invocation) is done.</summary>
    public Task Started => started.Task;

    public static CrontabSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        var trigger = (TimerTriggerAttribute)function.Trigger;
        var schedule = Parse(SettingNames.Resolve(trigger.Schedule, configuration));
        var last = time.GetUtcNow().UtcDateTime;
        var first = schedule.GetNextOccurrence(last);
        // The host turns the monitor off for schedules more frequent than once a minute.
        monitored = trigger.UseMonitor && schedule.GetNextOccurrence(first) - first >= MonitoredFrom;
        if (monitored && await IsPastDueAtStartAsync(schedule, last, stoppingToken))
        {
            await RunAsync(schedule, last, last, isPastDue: true, stoppingToken);
        }
        else if (trigger.RunOnStartup)
        {
            await RunAsync(schedule, last, last, isPastDue: false, stoppingToken);
        }
        started.TrySetResult();
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = schedule.GetNextOccurrence(last);
            while (time.GetUtcNow().UtcDateTime < due)
            {
                var wait = due - time.GetUtcNow().UtcDateTime;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, stoppingToken);
            }
            await RunAsync(schedule, last, due, isPastDue: time.GetUtcNow().UtcDateTime - due > MonitoredFrom, stoppingToken);
            last = due;
        }
    }

    /// <summary>
    /// The host's check (ScheduleMonitor.CheckPastDueAsync): a timer seen for the first time records its next
    /// occurrence; a changed schedule records the new one (from now if it would already be past); the timer is past
    /// due when now is after the recorded next occurrence. Retried while storage is unreachable: skipping the check
    /// would lose the missed occurrence.
    /// </summary>
    private async Task<bool> IsPastDueAtStartAsync(CrontabSchedule schedule, DateTime now, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var status = await statuses.FindAsync(timerName, stoppingToken);
                var (from, basis) = status switch
                {
                    null => (now, now),
                    { Last: var lastRun } when lastRun != default => (lastRun, lastRun),
                    { LastUpdated: var updated } when updated != default => (updated, updated),
                    _ => (now, now),
                };
                var expected = schedule.GetNextOccurrence(from);
                if (status is null || status.Next != expected)
                {
                    if (status is not null && now > expected)
                    {
                        (expected, basis) = (schedule.GetNextOccurrence(now), now);
                    }
                    status = new ScheduleStatus { Next = expected, LastUpdated = basis };
                    await statuses.SaveAsync(timerName, status, stoppingToken);
                }
                return now > status.Next;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogMonitorUnavailable(logger, e, function.Name);
                await Task.Delay(StorageRetry, time, stoppingToken);
            }
        }
    }

    private async Task RunAsync(CrontabSchedule schedule, DateTime last, DateTime due, bool isPastDue, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus { Last = last, Next = schedule.GetNextOccurrence(due), LastUpdated = now },
        };
        LogTimerFired(logger, function.Name, due, isPastDue);
        try
        {
            await invoker.InvokeAsync(function, info, null, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogTimerFailed(logger, e, function.Name);
        }
        if (monitored)
        {
            await RecordAsync(new ScheduleStatus { Last = due, Next = schedule.GetNextOccurrence(due), LastUpdated = time.GetUtcNow().UtcDateTime }, stoppingToken);
        }
    }

    /// <summary>Best effort, as under the host: an occurrence whose status could not be written may fire again at the next start.</summary>
    private async Task RecordAsync(ScheduleStatus status, CancellationToken stoppingToken)
    {
        try
        {
            await statuses.SaveAsync(timerName, status, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogMonitorUnavailable(logger, e, function.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} fires for {Due:o} (past due: {PastDue})")]
    private static partial void LogTimerFired(ILogger logger, string function, DateTime due, bool pastDue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function}: its schedule status could not be read or written")]
    private static partial void LogMonitorUnavailable(ILogger logger, Exception exception, string function);
}
