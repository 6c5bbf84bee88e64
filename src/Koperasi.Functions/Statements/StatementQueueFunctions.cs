using Azure.Storage.Queues.Models;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Statements;

public sealed class StatementQueueFunctions(StatementDelivery delivery, FailureStore failures, IOptions<QueueOptions> queues)
{
    [Function(nameof(DeliverStatement))]
    public async Task DeliverStatement(
        [QueueTrigger(StorageNames.StatementsQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.DeliverAsync(StatementQueue.Deserialize(message.Body.ToString()), cancellationToken);
        }
        catch (Exception e) when (message.DequeueCount >= queues.Value.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            // The poison copy carries no exception: record it now, on the last attempt, for the treasurer.
            await failures.RecordLastAttemptAsync(StorageNames.StatementsQueue, message.Body.ToString(), e, cancellationToken);
            if (TryRead(message) is { } statement)
            {
                await delivery.RecordLastAttemptFailedAsync(statement, e, cancellationToken);
            }
            throw;
        }
    }

    [Function(nameof(RecordPoisonedStatement))]
    public Task RecordPoisonedStatement(
        [QueueTrigger(StorageNames.StatementsPoisonQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => failures.RecordPoisonedAsync(StorageNames.StatementsQueue, message.Body.ToString(), cancellationToken);

    private static StatementMessage? TryRead(QueueMessage message)
    {
        try
        {
            return StatementQueue.Deserialize(message.Body.ToString());
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
