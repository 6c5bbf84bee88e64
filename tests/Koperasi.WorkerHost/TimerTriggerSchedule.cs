using System.Text.Json;
using Koperasi.WorkerHost.Rpc;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Koperasi.WorkerHost;

/// <summary>
/// The timer trigger's host side for one function: its NCRONTAB schedule (UTC; six fields with seconds, or five),
/// the next occurrence computed from the last due time, and <c>TimerInfo</c> sent as JSON, the shape the host's
/// TimerTrigger binding serialises (<c>Schedule</c>, <c>ScheduleStatus</c>, <c>IsPastDue</c>).
/// </summary>
public sealed partial class TimerTriggerSchedule(
    WorkerFunction function, string expression, Func<InvocationRequest, CancellationToken, Task<WorkerInvocation>> invoke, ILogger logger)
{
    private readonly CrontabSchedule schedule = Parse(expression);

    public static CrontabSchedule Parse(string expression) => CrontabSchedule.Parse(expression,
        new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var last = DateTime.UtcNow;
        if (bool.TryParse(function.Trigger.Get("runOnStartup"), out var onStartup) && onStartup)
        {
            await FireAsync(last, last, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = schedule.GetNextOccurrence(last);
            while (DateTime.UtcNow < due)
            {
                var remaining = due - DateTime.UtcNow + TimeSpan.FromMilliseconds(1);
                await Task.Delay(remaining < TimeSpan.FromDays(1) ? remaining : TimeSpan.FromDays(1), stoppingToken);
            }
            await FireAsync(last, due, stoppingToken);
            last = due;
        }
    }

    /// <summary>One firing now, as the host's admin API (<c>POST /admin/functions/{name}</c>) runs a timer.</summary>
    public Task<WorkerInvocation> FireNowAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        return invoke(Request(function, now, now, schedule.GetNextOccurrence(now), isPastDue: false), cancellationToken);
    }

    public static InvocationRequest Request(WorkerFunction function, DateTime last, DateTime now, DateTime next, bool isPastDue)
    {
        var info = new
        {
            Schedule = new { AdjustForDST = false },
            ScheduleStatus = new { Last = last, Next = next, LastUpdated = now },
            IsPastDue = isPastDue,
        };
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.FunctionId, TraceContext = new RpcTraceContext() };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { Json = JsonSerializer.Serialize(info) } });
        return request;
    }

    private async Task FireAsync(DateTime last, DateTime due, CancellationToken stoppingToken)
    {
        var now = DateTime.UtcNow;
        var invocation = await invoke(Request(function, last, now, schedule.GetNextOccurrence(due), isPastDue: now - due > TimeSpan.FromMinutes(1)), stoppingToken);
        if (!invocation.Succeeded)
        {
            LogTimerFailed(logger, function.Name, invocation.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed: {Error}")]
    private static partial void LogTimerFailed(ILogger logger, string function, string? error);
}
