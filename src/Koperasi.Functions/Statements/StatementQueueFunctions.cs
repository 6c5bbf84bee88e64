using Azure.Storage.Queues.Models;
using Koperasi.Functions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Statements;

public sealed class StatementQueueFunctions(QueuedStatementDelivery statements)
{
    [Function(nameof(DeliverStatement))]
    public Task DeliverStatement(
        [QueueTrigger(StorageNames.StatementsQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => statements.DeliverAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);

    [Function(nameof(RecordPoisonedStatement))]
    public Task RecordPoisonedStatement(
        [QueueTrigger(StorageNames.StatementsPoisonQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => statements.RecordPoisonedAsync(message.Body.ToString(), cancellationToken);
}
