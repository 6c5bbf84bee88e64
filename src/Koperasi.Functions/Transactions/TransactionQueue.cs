using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Transactions;

/// <summary>Puts posting requests on the <c>transactions</c> queue: base64, and never expiring (a backlog of money must not vanish).</summary>
public sealed class TransactionQueue(StorageAccount storage)
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task EnqueueAsync(TransactionMessage message, CancellationToken cancellationToken = default)
    {
        var queue = await storage.QueueAsync(StorageNames.TransactionsQueue, cancellationToken);
        await queue.SendMessageAsync(Serialize(message), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);
    }

    public static string Serialize(TransactionMessage message) => JsonSerializer.Serialize(message, ApiJson.Options);

    public static TransactionMessage Deserialize(string text) =>
        JsonSerializer.Deserialize<TransactionMessage>(text, ApiJson.Options) ?? throw new JsonException("The message is null.");
}
