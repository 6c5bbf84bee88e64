using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Statements;

public sealed class MonthlyStatementsFunction(StatementRuns runs)
{
    /// <summary>UTC schedule (Linux plans have no WEBSITE_TIME_ZONE); each cooperative's month is cut in its own zone.</summary>
    [Function(nameof(StartMonthlyStatements))]
    public Task StartMonthlyStatements([TimerTrigger("%StatementSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => runs.RunDueAsync(cancellationToken);
}
