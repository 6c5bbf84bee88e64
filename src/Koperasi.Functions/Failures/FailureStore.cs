using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Failures;

/// <summary>
/// The <c>failures</c> table: every poisoned message (with the error its last attempt recorded) and every id
/// conflict, under the cooperative the message names, or under <see cref="PlatformPartition"/> when it cannot be
/// read at all. The id is a hash of queue and message, so recording the same failure twice keeps one row.
/// </summary>
public sealed class FailureStore(StorageAccount storage, TimeProvider time)
{
    public const string PlatformPartition = "_platform";

    /// <summary>Records the error of a message's last attempt; the failure's id (the same for its poison copy).</summary>
    public async Task<string> RecordLastAttemptAsync(string queue, string body, Exception error, CancellationToken cancellationToken = default)
    {
        var row = NewRow(queue, body, FailureRecord.Poisoned);
        row["Error"] = $"{error.GetType().Name}: {error.Message}";
        row["LastAttemptAt"] = time.GetUtcNow();
        await UpsertAsync(row, cancellationToken);
        return row.RowKey;
    }

    public async Task<string> RecordPoisonedAsync(string queue, string body, CancellationToken cancellationToken = default)
    {
        var row = NewRow(queue, body, FailureRecord.Poisoned);
        row["Status"] = FailureRecord.Poisoned;
        row["PoisonedAt"] = time.GetUtcNow();
        await UpsertAsync(row, cancellationToken);
        return row.RowKey;
    }

    public async Task RecordConflictAsync(TransactionMessage message, string existingStatus, CancellationToken cancellationToken = default)
    {
        var row = NewRow(StorageNames.TransactionsQueue, TransactionQueue.Serialize(message), FailureRecord.Conflict);
        row["Status"] = FailureRecord.Conflict;
        row["Error"] = $"Transaction id '{message.Id}' was already {existingStatus} with other content; this request was not posted.";
        row["LastAttemptAt"] = time.GetUtcNow();
        await UpsertAsync(row, cancellationToken);
    }

    /// <summary>One page of a partition's failures; with <paramref name="fullErrors"/> false (a caller below admin), without exception text.</summary>
    public async Task<ListPage<FailureRecord>> ListAsync(string partition, Paging paging, bool fullErrors, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, paging.Limit, cancellationToken: cancellationToken);
        return await TablePages.ReadAsync(query, paging, e => fullErrors ? ToRecord(e) : ToRecord(e).ForNonAdmins());
    }

    public async Task<FailureRecord?> FindAsync(string partition, string id, CancellationToken cancellationToken = default)
    {
        if (id.Length is 0 or > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToRecord(row.Value) : null;
    }

    /// <summary>Puts a poisoned message back on its queue (never expiring) and notes the replay.</summary>
    public async Task<FailureRecord?> ReplayAsync(string partition, string id, CancellationToken cancellationToken = default)
    {
        var record = await FindAsync(partition, id, cancellationToken);
        if (record is null)
        {
            return null;
        }
        if (record.Kind != FailureRecord.Poisoned)
        {
            throw new ApiProblemException(ApiProblem.Conflict("not_replayable",
                "A conflict cannot be replayed: the id was already used for other content. Send the transaction again with a new id."));
        }
        var queue = await storage.QueueAsync(record.Queue, cancellationToken);
        await queue.SendMessageAsync(record.Message, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken);
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        var update = new TableEntity(partition, id) { ["ReplayedAt"] = time.GetUtcNow(), ["Replays"] = record.Replays + 1, ["Status"] = FailureRecord.Replayed };
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return await FindAsync(partition, id, cancellationToken);
    }

    /// <summary>
    /// Where a message's failure is shown and which ids it names, read once: the cooperative it names (or the platform
    /// when it names none, is not a JSON object, or is not JSON at all), its transaction id and its member id.
    /// </summary>
    internal static (string Partition, string? TransactionId, string? MemberId) ReadMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (PlatformPartition, null, null);
            }
            var cooperativeId = StringProperty(root, "cooperativeId");
            var partition = cooperativeId is { Length: > 0 and <= 32 } && cooperativeId.All(char.IsAsciiLetterOrDigit) ? cooperativeId : PlatformPartition;
            var transactionId = StringProperty(root, "id");
            if (transactionId is null && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() == 1)
            {
                transactionId = StringProperty(items[0], "id");
            }
            return (partition, transactionId, StringProperty(root, "memberId"));
        }
        catch (JsonException)
        {
            return (PlatformPartition, null, null);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TableEntity NewRow(string queue, string body, string kind)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + queue + "\n" + body)))[..24];
        var (partition, transactionId, memberId) = ReadMessage(body);
        return new TableEntity(partition, hash)
        {
            ["Queue"] = queue,
            ["Kind"] = kind,
            ["Message"] = body,
            ["TransactionId"] = transactionId,
            ["MemberId"] = memberId,
        };
    }

    private async Task UpsertAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    private static FailureRecord ToRecord(TableEntity e) => new(
        e.RowKey, e.GetString("Queue"), e.GetString("Kind"), e.GetString("Status") ?? "failing", e.GetString("TransactionId"), e.GetString("MemberId"),
        e.GetString("Error"), e.GetDateTimeOffset("LastAttemptAt"), e.GetDateTimeOffset("PoisonedAt"), e.GetDateTimeOffset("ReplayedAt"),
        e.GetInt32("Replays") ?? 0, e.GetString("Message"));
}
