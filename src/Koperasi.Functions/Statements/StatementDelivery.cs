using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Members;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Statements;

/// <summary>
/// Delivers one member's statement for one period, never twice: only a <c>pending</c> record is sent; it is moved
/// to <c>sending</c> (If-Match) before the provider call and to <c>sent</c> with the provider's id after it. A
/// redelivery that finds <c>sending</c> cannot know whether the email left, so it records <c>unknown</c> and sends nothing.
/// </summary>
public sealed partial class StatementDelivery(
    StatementStore store, CooperativeStore cooperatives, MemberStore members, StatementReader reader, IStatementSender sender,
    TimeProvider time, ILogger<StatementDelivery> logger)
{
    private const int MaxRaces = 20;

    public async Task<StatementStatus> DeliverAsync(StatementMessage message, CancellationToken cancellationToken = default)
    {
        if (!StatementPeriod.TryParse(message.Period, out var period))
        {
            throw new FormatException($"The statement message names no period ('{message.Period}').");
        }
        for (var race = 0; race < MaxRaces; race++)
        {
            var (record, etag) = await store.EnsureAsync(message.CooperativeId, period, message.MemberId, time.GetUtcNow(), cancellationToken);
            switch (record.Status)
            {
                case StatementStatus.Pending:
                    break;
                case StatementStatus.Sending:
                    var unknown = record with
                    {
                        Status = StatementStatus.Unknown, UpdatedAt = time.GetUtcNow(),
                        Error = "Delivery stopped after 'sending' was recorded: the email may or may not have gone out. Check, then resend if needed.",
                    };
                    if (await store.TryReplaceAsync(message.CooperativeId, period, unknown, etag, cancellationToken) is null)
                    {
                        continue;
                    }
                    LogUnknown(logger, record.StatementId);
                    return StatementStatus.Unknown;
                default:
                    LogAlreadyDone(logger, record.StatementId, record.Status);
                    return record.Status;
            }
            var result = await SendPendingAsync(message, period, record, etag, cancellationToken);
            if (result is { } done)
            {
                return done;
            }
        }
        throw new InvalidOperationException($"Statement {StatementStore.StatementIdOf(message.CooperativeId, message.MemberId, period)} kept changing under us; the queue will retry.");
    }

    /// <summary>
    /// On the queue's last attempt: a record still pending shows <c>failed</c> instead of waiting forever. Every role
    /// reads the record, so it says where the error is (under failures, in full for admins) rather than quoting it.
    /// </summary>
    public async Task RecordLastAttemptFailedAsync(StatementMessage message, CancellationToken cancellationToken = default)
    {
        if (!StatementPeriod.TryParse(message.Period, out var period) ||
            await store.FindAsync(message.CooperativeId, period, message.MemberId, cancellationToken) is not { } found ||
            found.Record.Status != StatementStatus.Pending)
        {
            return;
        }
        var failed = found.Record with { Status = StatementStatus.Failed, Error = FailureRecord.SafeError, UpdatedAt = time.GetUtcNow() };
        await store.TryReplaceAsync(message.CooperativeId, period, failed, found.ETag, cancellationToken);
    }

    /// <summary>Null when another delivery changed the record first (read it again).</summary>
    private async Task<StatementStatus?> SendPendingAsync(StatementMessage message, StatementPeriod period, StatementRecord record, Azure.ETag etag, CancellationToken cancellationToken)
    {
        var cooperative = await cooperatives.FindAsync(message.CooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{message.CooperativeId}' does not exist.");
        var member = await members.FindAsync(message.CooperativeId, message.MemberId, cancellationToken);
        MemberStatement? statement = null;
        var skipReason = member is null ? "member_not_found" : string.IsNullOrWhiteSpace(member.Email) ? "no_email" : null;
        if (skipReason is null)
        {
            // A statement is delivered only for a month its run has closed, whatever this instance's cached profile says.
            var closed = cooperative.ClosedThrough is { } through && through >= period.First ? cooperative : cooperative with { ClosedThrough = period.First };
            statement = await reader.ReadAsync(closed, member!, period, cancellationToken);
            skipReason = statement.HasActivity ? null : "no_activity";
        }
        if (skipReason is not null)
        {
            var skipped = record with { Status = StatementStatus.Skipped, Reason = skipReason, UpdatedAt = time.GetUtcNow() };
            return await store.TryReplaceAsync(message.CooperativeId, period, skipped, etag, cancellationToken) is null ? null : StatementStatus.Skipped;
        }

        var email = new StatementEmail(cooperative.Id, member!.Id, period.Key, record.StatementId, member.Email!, member.Name,
            StatementWords.Subject(statement!), StatementHtml.Render(statement!), StatementText.Render(statement!));
        var sending = record with { Status = StatementStatus.Sending, Attempts = record.Attempts + 1, UpdatedAt = time.GetUtcNow(), Error = null, Reason = null };
        if (await store.TryReplaceAsync(message.CooperativeId, period, sending, etag, cancellationToken) is not { } sendingETag)
        {
            return null;
        }

        var outcome = await sender.SendAsync(email, cancellationToken);

        var now = time.GetUtcNow();
        var final = sending with
        {
            Status = outcome.Status, ProviderMessageId = outcome.ProviderMessageId, Error = outcome.Error, UpdatedAt = now,
            SentAt = outcome.Status == StatementStatus.Sent ? now : null,
        };
        await RecordOutcomeAsync(message, period, final, sendingETag, cancellationToken);
        LogDelivered(logger, record.StatementId, outcome.Status);
        return outcome.Status;
    }

    /// <summary>
    /// Writes what the provider said. If a redelivery meanwhile turned our <c>sending</c> into <c>unknown</c>, what we
    /// know now is better: replace it. Anything else (a resend started) is left alone.
    /// </summary>
    private async Task RecordOutcomeAsync(StatementMessage message, StatementPeriod period, StatementRecord final, Azure.ETag etag, CancellationToken cancellationToken)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            if (await store.TryReplaceAsync(message.CooperativeId, period, final, etag, cancellationToken) is not null)
            {
                return;
            }
            if (await store.FindAsync(message.CooperativeId, period, message.MemberId, cancellationToken) is not { } current ||
                current.Record.Status is not (StatementStatus.Sending or StatementStatus.Unknown))
            {
                return;
            }
            etag = current.ETag;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Statement {StatementId}: {Status}")]
    private static partial void LogDelivered(ILogger logger, string statementId, StatementStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statement {StatementId} is already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string statementId, StatementStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Statement {StatementId} was found 'sending' on redelivery; recorded unknown and not sent again")]
    private static partial void LogUnknown(ILogger logger, string statementId);
}
