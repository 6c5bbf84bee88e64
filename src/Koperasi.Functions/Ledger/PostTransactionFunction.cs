using Azure.Storage.Queues.Models;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Ledger;

public sealed class PostTransactionFunction(LedgerPosting posting, TransactionFailures failures, IOptions<QueueOptions> queues)
{
    [Function(nameof(PostTransaction))]
    public async Task PostTransaction(
        [QueueTrigger(StorageNames.TransactionsQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await posting.PostAsync(TransactionQueue.Deserialize(message.Body.ToString()), cancellationToken);
        }
        catch (Exception e) when (message.DequeueCount >= queues.Value.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            // The poison copy carries no exception: record it now, on the last attempt.
            await failures.RecordLastAttemptAsync(message.Body.ToString(), e, cancellationToken);
            throw;
        }
    }
}
