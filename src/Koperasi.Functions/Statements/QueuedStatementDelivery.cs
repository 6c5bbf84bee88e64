using System.Text.Json;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Statements;

/// <summary>
/// One message of the <c>statements</c> queue: parsed and delivered (<see cref="StatementDelivery"/>); a failure is
/// thrown for the queue to retry, and on its last attempt (<c>dequeueCount == maxDequeueCount</c>) it is first
/// recorded, because the poison copy carries no exception: under failures for the treasurer, and on the statement's
/// record, which shows <c>failed</c> instead of waiting in <c>pending</c> forever.
/// </summary>
public sealed class QueuedStatementDelivery(StatementDelivery delivery, FailureStore failures, IOptions<QueueOptions> queues)
{
    public async Task DeliverAsync(string body, long dequeueCount, CancellationToken cancellationToken = default)
    {
        try
        {
            await delivery.DeliverAsync(StatementQueue.Deserialize(body), cancellationToken);
        }
        catch (Exception e) when (dequeueCount >= queues.Value.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            await failures.RecordLastAttemptAsync(StorageNames.StatementsQueue, body, e, cancellationToken);
            if (TryRead(body) is { } statement)
            {
                await delivery.RecordLastAttemptFailedAsync(statement, cancellationToken);
            }
            throw;
        }
    }

    /// <summary>Every copy that reaches the poison queue is kept under failures, where it can be replayed.</summary>
    public Task RecordPoisonedAsync(string body, CancellationToken cancellationToken = default) =>
        failures.RecordPoisonedAsync(StorageNames.StatementsQueue, body, cancellationToken);

    private static StatementMessage? TryRead(string body)
    {
        try
        {
            return StatementQueue.Deserialize(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
