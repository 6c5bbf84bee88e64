using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Koperasi.Bench;

/// <summary>
/// The baseline for posting: only the storage calls any exactly-once pipeline must make for a message — receive in
/// batches, point-read the member's balance, one entity-group write (the id's marker inserted, so a redelivery fails
/// with 409, and the balance If-Match), delete — at the same batch size and concurrency as the LocalHost's queue
/// listener, in the same table as the ledger (its own partitions, <c>{cooperative}|bl|{member}</c>), since Azurite
/// scans the whole table for a query. It leaves out what the ledger adds: the savings rules, the journal, the day
/// and month rollups (rows in the same transaction; read only for a backdated posting), the trial balance's fold
/// (a transaction, and a read when this process's copy of the shard's newest row is stale), the member directory,
/// loans and reviews.
/// </summary>
public sealed class MinimalPostingLoop(QueueClient queue, TableClient table, int batchSize)
{
    /// <summary>Empties the queue; returns how many it posted and the time from the first receive to the last delete.</summary>
    public async Task<(int Processed, TimeSpan Elapsed)> DrainAsync(CancellationToken cancellationToken = default)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var processed = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var finished = started;
        var emptyPolls = 0;
        while (emptyPolls < 3)
        {
            QueueMessage[] batch = await queue.ReceiveMessagesAsync(batchSize, TimeSpan.FromMinutes(5), cancellationToken);
            if (batch.Length == 0)
            {
                emptyPolls++;
                await Task.Delay(50, cancellationToken);
                continue;
            }
            emptyPolls = 0;
            await Task.WhenAll(batch.Select(m => PostAsync(m, cancellationToken)));
            processed += batch.Length;
            finished = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        return (processed, System.Diagnostics.Stopwatch.GetElapsedTime(started, finished));
    }

    private async Task PostAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(message.Body.ToString());
        var root = body.RootElement;
        var partition = $"{root.GetProperty("cooperativeId").GetString()}|bl|{root.GetProperty("memberId").GetString()}";
        var id = root.GetProperty("id").GetString()!;
        var amount = root.GetProperty("amount").GetInt64();
        while (true)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, "balance", cancellationToken: cancellationToken);
            var current = found.HasValue ? found.Value : null;
            var balance = current?.GetInt64("Balance") ?? 0;
            var row = new TableEntity(partition, "balance") { ["Balance"] = balance + amount };
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(partition, "tx|" + id) { ["Amount"] = amount }),
                current is not null
                    ? new(TableTransactionActionType.UpdateReplace, row, current.ETag)
                    : new(TableTransactionActionType.Add, row),
            };
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                break;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer won, or the marker is there (a redelivery): read again; a marker found ends it.
                if (await table.GetEntityIfExistsAsync<TableEntity>(partition, "tx|" + id, cancellationToken: cancellationToken) is { HasValue: true })
                {
                    break;
                }
            }
        }
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A delete whose first answer was lost and that the SDK retried: the message is gone either way.
        }
    }
}
