using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Providers;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Confirms money-moving notifications with the provider before anything is posted. Midtrans' signature covers only
/// order_id, status_code and gross_amount, and Xendit's token is static, so a replayed or forged body could claim a
/// refund; the webhook therefore only queues a confirmation (after verifying, before answering 200), and this reads
/// the payment back from the provider and records what the provider says. A provider that cannot answer yet is asked
/// again with a doubling wait; after <see cref="ProvidersOptions.ConfirmationGiveUpAfter"/> (or at once when it refuses
/// our key) the message fails through the poison path into the failures list, where the treasurer sees and replays it.
/// </summary>
public sealed partial class PaymentConfirmations(
    StorageAccount storage, PaymentStore payments, PaymentIntake intake, ProviderCredentialStore credentials, ProviderLookup lookup, FailureStore failures,
    IOptions<ProvidersOptions> options, IOptions<QueueOptions> queues, TimeProvider time, ILogger<PaymentConfirmations> logger, Audit.AuditTrail trail)
{
    public const string Waiting = "waiting";
    public const string Retrying = "retrying";
    public const string Confirmed = "confirmed";
    public const string NotConfirmed = "not_confirmed";
    public const string Failing = "failing";

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);

    /// <summary>The webhook's part: queue the confirmation first (so a crash cannot lose it), then note it as waiting.</summary>
    public async Task RequestAsync(string cooperativeId, PaymentNotification n, CancellationToken cancellationToken = default)
    {
        var refundId = n.Source == ProviderNames.Xendit && n.Paid is null ? n.Refunds.FirstOrDefault()?.RefundId : null;
        await EnqueueAsync(new PaymentConfirmationMessage(cooperativeId, n.Source, n.ProviderPaymentId, refundId, n.Status, time.GetUtcNow(), 0), null, cancellationToken);
        await payments.NoteConfirmationAsync(cooperativeId, PaymentKeys.Payment(n.Source, n.ProviderPaymentId), Waiting, n.Status,
            "queued for confirmation with the provider", cancellationToken);
        LogRequested(logger, cooperativeId, n.Source, PaymentKeys.Payment(n.Source, n.ProviderPaymentId), n.Status);
    }

    /// <summary>The queue function's part: one attempt; on the last delivery the error is recorded for the failures list.</summary>
    public async Task<string> ConfirmAsync(string body, long dequeueCount, CancellationToken cancellationToken = default)
    {
        try
        {
            var message = JsonSerializer.Deserialize<PaymentConfirmationMessage>(body, ApiJson.Options) ?? throw new JsonException("The message is null.");
            return await ConfirmAsync(message, cancellationToken);
        }
        catch (Exception e) when (dequeueCount >= queues.Value.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            // The poison copy carries no exception: record it now, on the last attempt.
            await failures.RecordLastAttemptAsync(StorageNames.PaymentConfirmationsQueue, body, e, cancellationToken);
            throw;
        }
    }

    public async Task<string> ConfirmAsync(PaymentConfirmationMessage m, CancellationToken cancellationToken = default)
    {
        var key = PaymentKeys.Payment(m.Source, m.ProviderPaymentId);
        var secrets = await credentials.FindAsync(m.CooperativeId, m.Source, cancellationToken)
            ?? throw new PaymentNotConfirmedException($"The {ProviderNames.Label(m.Source)} credentials are not set any more, so the notification cannot be confirmed.");
        var answer = await lookup.ConfirmAsync(m.Source, m.ProviderPaymentId, m.RefundId, secrets, cancellationToken);
        switch (answer.Status)
        {
            case ProviderAnswerStatus.Found:
                var confirmed = answer.Notification!;
                var outcome = await intake.RecordAsync(m.CooperativeId, confirmed, cancellationToken);
                // The queue's change is the provider's: recorded as its actor, with the payment's key (ids only).
                await trail.RecordAsync(m.CooperativeId, m.Source, null, "queue " + nameof(PaymentConfirmationFunctions.ConfirmPayment), $"payments/{key}", 200,
                    $"confirmation:{m.Attempt}", cancellationToken);
                await payments.NoteConfirmationAsync(m.CooperativeId, key, Confirmed, m.ClaimedStatus, $"{ProviderNames.Label(m.Source)} says {confirmed.Status}: {outcome}", cancellationToken);
                if (confirmed.Status != m.ClaimedStatus)
                {
                    LogOtherStatus(logger, m.CooperativeId, m.Source, key, m.ClaimedStatus, confirmed.Status);
                }
                return Confirmed;
            case ProviderAnswerStatus.NotFound:
                await payments.NoteConfirmationAsync(m.CooperativeId, key, NotConfirmed, m.ClaimedStatus, answer.Detail, cancellationToken);
                LogNotConfirmed(logger, m.CooperativeId, m.Source, key, m.ClaimedStatus, answer.Detail);
                return NotConfirmed;
            case ProviderAnswerStatus.Refused:
                await payments.NoteConfirmationAsync(m.CooperativeId, key, Failing, m.ClaimedStatus, answer.Detail, cancellationToken);
                throw new PaymentNotConfirmedException($"{ProviderNames.Label(m.Source)} could not confirm the '{m.ClaimedStatus}' notification: {answer.Detail}.");
            default:
                var waited = time.GetUtcNow() - m.ReceivedAt;
                if (waited >= options.Value.ConfirmationGiveUpAfter)
                {
                    await payments.NoteConfirmationAsync(m.CooperativeId, key, Failing, m.ClaimedStatus, answer.Detail, cancellationToken);
                    throw new PaymentNotConfirmedException(
                        $"{ProviderNames.Label(m.Source)} could not confirm the '{m.ClaimedStatus}' notification for {waited.TotalHours:0.#} hours: {answer.Detail}. Replay it once the provider answers again.");
                }
                var wait = RetryWait(m.Attempt);
                await EnqueueAsync(m with { Attempt = m.Attempt + 1 }, wait, cancellationToken);
                await payments.NoteConfirmationAsync(m.CooperativeId, key, Retrying, m.ClaimedStatus, $"{answer.Detail}; asking again in {wait.TotalSeconds:0} s", cancellationToken);
                LogRetrying(logger, m.CooperativeId, m.Source, key, m.Attempt + 1, answer.Detail);
                return Retrying;
        }
    }

    /// <summary>The first retry's wait, doubled per attempt up to 30 minutes, with up to a fifth more at random so retries spread out.</summary>
    public TimeSpan RetryWait(int attempt)
    {
        var first = options.Value.ConfirmationFirstRetry;
        var wait = TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, Math.Min(attempt, 20)), LongestWait.Ticks));
        return wait + TimeSpan.FromTicks((long)(wait.Ticks * 0.2 * Random.Shared.NextDouble()));
    }

    private async Task EnqueueAsync(PaymentConfirmationMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(StorageNames.PaymentConfirmationsQueue, cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, ApiJson.Options), visibilityTimeout: delay, timeToLive: NeverExpires, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} notification for cooperative {CooperativeId}, payment {PaymentKey}, claims {Status}: queued for confirmation")]
    private static partial void LogRequested(ILogger logger, string cooperativeId, string source, string paymentKey, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} payment {PaymentKey} of cooperative {CooperativeId}: the notification claimed {Claimed}, the provider says {Status}; acted on the provider's answer")]
    private static partial void LogOtherStatus(ILogger logger, string cooperativeId, string source, string paymentKey, string claimed, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} payment {PaymentKey} of cooperative {CooperativeId}: the {Claimed} notification is not confirmed ({Detail}); nothing posted")]
    private static partial void LogNotConfirmed(ILogger logger, string cooperativeId, string source, string paymentKey, string claimed, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} payment {PaymentKey} of cooperative {CooperativeId}: no confirmation yet ({Detail}); attempt {Attempt} queued")]
    private static partial void LogRetrying(ILogger logger, string cooperativeId, string source, string paymentKey, int attempt, string detail);
}
