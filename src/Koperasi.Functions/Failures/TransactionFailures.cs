using System.Text.Json;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Failures;

/// <summary>
/// A posting message that failed for good: its failure is recorded for the treasurer, and each transaction in it is
/// marked with the failure's id, so <c>GET /api/transactions/{id}</c> says <c>failed</c> instead of <c>queued</c> forever.
/// </summary>
public sealed class TransactionFailures(FailureStore failures, TransactionRecordStore records)
{
    public async Task RecordLastAttemptAsync(string body, Exception error, CancellationToken cancellationToken = default) =>
        await MarkAsync(body, await failures.RecordLastAttemptAsync(StorageNames.TransactionsQueue, body, error, cancellationToken), cancellationToken);

    public async Task RecordPoisonedAsync(string body, CancellationToken cancellationToken = default) =>
        await MarkAsync(body, await failures.RecordPoisonedAsync(StorageNames.TransactionsQueue, body, cancellationToken), cancellationToken);

    private async Task MarkAsync(string body, string failureId, CancellationToken cancellationToken)
    {
        PostingGroup group;
        try
        {
            group = TransactionQueue.Deserialize(body);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return; // Not a posting message at all: the platform's failure list shows it.
        }
        foreach (var item in group.Items)
        {
            await records.MarkFailedAsync(group.CooperativeId, item.Id, failureId, cancellationToken);
        }
    }
}
