using Azure.Storage.Queues.Models;
using Koperasi.Functions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Failures;

public sealed class PoisonedTransactionFunction(TransactionFailures failures)
{
    [Function(nameof(RecordPoisonedTransaction))]
    public Task RecordPoisonedTransaction(
        [QueueTrigger(StorageNames.TransactionsPoisonQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => failures.RecordPoisonedAsync(message.Body.ToString(), cancellationToken);
}
