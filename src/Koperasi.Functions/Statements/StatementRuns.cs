using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Statements;

/// <summary>
/// Starts statement runs (by hand or by the monthly timer) and answers what the API asks about them. A run records
/// itself, closes the month, gives every member a pending record and fans out one queue message per pending member,
/// hidden for <see cref="StatementOptions.SettleDelay"/> so that no instance still posts into the month when the
/// statements are computed. Starting the same run again is safe: records that exist are kept, and only pending ones
/// are queued (a pending member queued twice is still sent once: <see cref="StatementDelivery"/> guards every step).
/// Months run in order, each with its own run; see docs/statements.md.
/// </summary>
public sealed partial class StatementRuns(
    CooperativeStore cooperatives, MemberStore members, StatementStore store, StatementQueue queue, StatementReader reader,
    IOptions<StatementOptions> options, TimeProvider time, ILogger<StatementRuns> logger, Audit.AuditTrail trail)
{
    /// <summary>How many months a late timer catches up on at most, and how far back a resume looks for unfinished runs.</summary>
    public const int MaxCatchUpMonths = 12;

    private const int FanOutParallelism = 8;

    /// <summary>
    /// A run by hand of <paramref name="period"/>: first every earlier month the cooperative has not run yet (and any
    /// earlier run whose fan-out did not finish), oldest first, each with its own run; then the period itself, which
    /// is started again even if it ran before (safe: only pending records are queued).
    /// </summary>
    public async Task<StatementProgress> StartByHandAsync(string cooperativeId, StatementPeriod period, CancellationToken cancellationToken = default)
    {
        var cooperative = await RequireCooperativeAsync(cooperativeId, cancellationToken);
        if (period >= StatementPeriod.Containing(BusinessCalendar.Today(time, cooperative)))
        {
            throw new ApiProblemException(ApiProblem.Validation("period_not_ended", "A statement run is only for a month that has ended.",
                new Dictionary<string, string[]> { ["period"] = [$"must be a month before {StatementPeriod.Containing(BusinessCalendar.Today(time, cooperative)).Name} (the current month in {cooperative.TimeZone})"] }));
        }
        await StartInOrderAsync(cooperative, ResumeWindow(cooperative).Concat(UnclosedBefore(cooperative, period)).Where(p => p < period), cancellationToken);
        await StartAsync(cooperative, period, cancellationToken);
        return (await store.ProgressAsync(cooperativeId, period, cancellationToken))!;
    }

    /// <summary>
    /// The timer (daily by default, and safe to run at any time): every cooperative gets the months that have ended in
    /// its own zone and have not run yet, and any run whose fan-out was interrupted is finished.
    /// </summary>
    public async Task RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var failed = 0;
        await foreach (var cooperative in cooperatives.ListAllAsync(cancellationToken))
        {
            try
            {
                foreach (var period in await StartDueAsync(cooperative, now, cancellationToken))
                {
                    await trail.RecordAsync(cooperative.Id, Audit.AuditActors.Timer, null, "timer " + nameof(MonthlyStatementsFunction.StartMonthlyStatements),
                        $"/api/statements/{period.Key}/run", 202, $"timer:{now.UtcTicks}", cancellationToken);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One cooperative's trouble must not stop the others' statements.
                failed++;
                LogCooperativeFailed(logger, e, cooperative.Id);
            }
        }
        if (failed > 0)
        {
            throw new InvalidOperationException($"Statement runs failed for {failed} cooperative(s); see the log. The next timer run picks them up again.");
        }
    }

    /// <summary>Finishes every run of one cooperative whose fan-out was interrupted and starts every due period, oldest first.</summary>
    public Task<IReadOnlyList<StatementPeriod>> StartDueAsync(Cooperative cooperative, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StartInOrderAsync(cooperative, ResumeWindow(cooperative).Concat(PeriodsDue(cooperative, now)), cancellationToken);

    /// <summary>
    /// The months that have ended in the cooperative's zone at <paramref name="now"/> and are not closed yet: normally
    /// just the one that ended last; more after a missed timer (at most <see cref="MaxCatchUpMonths"/>); none before the
    /// cooperative existed. In a zone where the UTC schedule fires before the month ends locally, the month is not due yet.
    /// </summary>
    public static IReadOnlyList<StatementPeriod> PeriodsDue(Cooperative cooperative, DateTimeOffset now)
    {
        var last = StatementPeriod.Containing(BusinessCalendar.LocalDate(now, cooperative)).Previous;
        var first = cooperative.ClosedThrough is { } closed ? StatementPeriod.Containing(closed).Next : last;
        var created = StatementPeriod.Containing(BusinessCalendar.LocalDate(cooperative.CreatedAt, cooperative));
        var earliest = StatementPeriod.Containing(last.First.AddMonths(1 - MaxCatchUpMonths));
        first = new[] { first, created, earliest }.Max();
        var due = new List<StatementPeriod>();
        for (var p = first; p <= last; p = p.Next)
        {
            due.Add(p);
        }
        return due;
    }

    public async Task<StatementProgress?> ProgressAsync(string cooperativeId, StatementPeriod period, CancellationToken cancellationToken = default) =>
        await store.ProgressAsync(cooperativeId, period, cancellationToken);

    /// <summary>The statement as the ledger reads it now, with its delivery record if a run made one.</summary>
    public async Task<MemberStatement> ReadAsync(string cooperativeId, string memberId, StatementPeriod period, CancellationToken cancellationToken = default)
    {
        var cooperative = await RequireCooperativeAsync(cooperativeId, cancellationToken);
        if (period > StatementPeriod.Containing(BusinessCalendar.Today(time, cooperative)))
        {
            throw new ApiProblemException(ApiProblem.Validation("period_in_future", "That month has not begun.",
                new Dictionary<string, string[]> { ["period"] = ["must not be a month in the future"] }));
        }
        var member = await members.FindAsync(cooperativeId, memberId, cancellationToken) ?? throw new ApiProblemException(MembersFunctions.MemberNotFound(memberId));
        var statement = await reader.ReadAsync(cooperative, member, period, cancellationToken);
        return statement with { Delivery = (await store.FindAsync(cooperativeId, period, memberId, cancellationToken))?.Record };
    }

    /// <summary>Resends an <c>unknown</c> or <c>failed</c> statement: back to pending, and queued now.</summary>
    public async Task<StatementRecord> ResendAsync(string cooperativeId, string memberId, StatementPeriod period, CancellationToken cancellationToken = default)
    {
        if (!await members.ExistsAsync(cooperativeId, memberId, cancellationToken))
        {
            throw new ApiProblemException(MembersFunctions.MemberNotFound(memberId));
        }
        while (true)
        {
            if (await store.FindAsync(cooperativeId, period, memberId, cancellationToken) is not { } found)
            {
                throw new ApiProblemException(ApiProblem.NotFound("statement_not_found", $"No statement run has included member '{memberId}' for {period.Key}."));
            }
            if (found.Record.Status is not (StatementStatus.Unknown or StatementStatus.Failed))
            {
                throw new ApiProblemException(ApiProblem.Conflict("statement_not_resendable",
                    $"The statement is {found.Record.Status.ToString().ToLowerInvariant()}; only an unknown or failed statement can be resent."));
            }
            var pending = found.Record with { Status = StatementStatus.Pending, UpdatedAt = time.GetUtcNow() };
            if (await store.TryReplaceAsync(cooperativeId, period, pending, found.ETag, cancellationToken) is not null)
            {
                // The month closed long ago (this record has been tried already): no settle delay.
                await queue.EnqueueAsync(new StatementMessage(cooperativeId, memberId, period.Key), TimeSpan.Zero, cancellationToken);
                return pending;
            }
        }
    }

    /// <summary>
    /// The closed months a resume looks at: the last <see cref="MaxCatchUpMonths"/> up to the cooperative's closing. A
    /// run that started (it has a run record) but did not finish its fan-out is among them; one point read each.
    /// </summary>
    private static IEnumerable<StatementPeriod> ResumeWindow(Cooperative cooperative)
    {
        if (cooperative.ClosedThrough is not { } closed)
        {
            yield break;
        }
        var last = StatementPeriod.Containing(closed);
        for (var p = StatementPeriod.Containing(last.First.AddMonths(1 - MaxCatchUpMonths)); p <= last; p = p.Next)
        {
            yield return p;
        }
    }

    /// <summary>
    /// The months after the cooperative's closing and before <paramref name="last"/>. A cooperative that has never run
    /// begins where its first run says: nothing before <paramref name="last"/>.
    /// </summary>
    private static IEnumerable<StatementPeriod> UnclosedBefore(Cooperative cooperative, StatementPeriod last)
    {
        if (cooperative.ClosedThrough is not { } closed)
        {
            yield break;
        }
        for (var p = StatementPeriod.Containing(closed).Next; p < last; p = p.Next)
        {
            yield return p;
        }
    }

    /// <summary>
    /// Starts the candidates oldest first, asking storage (not the cached profile) what each month needs: a month
    /// whose run finished its fan-out is left alone; one whose run did not is finished; a closed month without a run
    /// stays without one; an unclosed month is started. A failure stops the later months, so a month never starts
    /// before every earlier one has fanned out; the next timer run picks up from there.
    /// </summary>
    private async Task<IReadOnlyList<StatementPeriod>> StartInOrderAsync(Cooperative cooperative, IEnumerable<StatementPeriod> candidates, CancellationToken cancellationToken)
    {
        var started = new List<StatementPeriod>();
        foreach (var period in candidates.Distinct().Order())
        {
            var run = await store.FindRunAsync(cooperative.Id, period, cancellationToken);
            var closed = cooperative.ClosedThrough is { } through && period <= StatementPeriod.Containing(through);
            if (run is { FannedOut: true } || (run is null && closed))
            {
                continue;
            }
            await StartAsync(cooperative, period, cancellationToken);
            started.Add(period);
        }
        return started;
    }

    private async Task StartAsync(Cooperative cooperative, StatementPeriod period, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Recorded before the close, so a run interrupted after closing is found (not fanned out) and finished by the timer.
        await store.RecordRunStartAsync(cooperative.Id, period, now, cancellationToken);
        await cooperatives.CloseThroughAsync(cooperative.Id, period.First, cancellationToken);
        var delay = options.Value.SettleDelay;
        var queued = 0;
        await Parallel.ForEachAsync(members.ListAllAsync(cooperative.Id, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = FanOutParallelism, CancellationToken = cancellationToken },
            async (member, ct) =>
            {
                var (record, _) = await store.EnsureAsync(cooperative.Id, period, member.Id, now, ct);
                if (record.Status == StatementStatus.Pending)
                {
                    await queue.EnqueueAsync(new StatementMessage(cooperative.Id, member.Id, period.Key), delay, ct);
                    Interlocked.Increment(ref queued);
                }
            });
        await store.MarkFannedOutAsync(cooperative.Id, period, time.GetUtcNow(), cancellationToken);
        LogRunStarted(logger, cooperative.Id, period.Key, queued, (int)delay.TotalSeconds);
    }

    private async Task<Cooperative> RequireCooperativeAsync(string cooperativeId, CancellationToken cancellationToken) =>
        await cooperatives.FindAsync(cooperativeId, cancellationToken) ?? throw new InvalidOperationException($"Cooperative '{cooperativeId}' does not exist.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Statement run {CooperativeId} {Period}: {Queued} member statements queued, visible in {SettleSeconds} s")]
    private static partial void LogRunStarted(ILogger logger, string cooperativeId, string period, int queued, int settleSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting the statement runs of cooperative {CooperativeId} failed")]
    private static partial void LogCooperativeFailed(ILogger logger, Exception exception, string cooperativeId);
}
