using System.Text;
using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Transactions;

/// <summary>
/// Puts posting requests on the <c>transactions</c> queue: one <see cref="PostingGroup"/> per message, base64, and
/// never expiring (a backlog of money must not vanish).
/// </summary>
public sealed class TransactionQueue(StorageAccount storage)
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public Task EnqueueAsync(TransactionMessage message, CancellationToken cancellationToken = default) =>
        EnqueueAsync(PostingGroup.Of(message), cancellationToken);

    public async Task EnqueueAsync(PostingGroup group, CancellationToken cancellationToken = default)
    {
        var queue = await storage.QueueAsync(StorageNames.TransactionsQueue, cancellationToken);
        await queue.SendMessageAsync(Serialize(group), visibilityTimeout: null, timeToLive: NeverExpires, cancellationToken);
    }

    /// <summary>Queues a member's items in sent order, in as few messages as fit; the parts are sent one after another.</summary>
    public async Task EnqueueInOrderAsync(string cooperativeId, string memberId, IReadOnlyList<TransactionMessage> items, CancellationToken cancellationToken = default)
    {
        foreach (var part in PostingGroup.Split(cooperativeId, memberId, items, SizeOf))
        {
            await EnqueueAsync(part, cancellationToken);
        }
    }

    public static string Serialize(PostingGroup group) => JsonSerializer.Serialize(group, ApiJson.Options);

    public static string Serialize(TransactionMessage message) => JsonSerializer.Serialize(message, ApiJson.Options);

    /// <summary>Reads a group; a message of one transaction (the shape queued before groups existed) is a group of one.</summary>
    public static PostingGroup Deserialize(string text)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("items", out _))
        {
            var group = document.RootElement.Deserialize<PostingGroup>(ApiJson.Options) ?? throw new JsonException("The message is null.");
            if (group.Items is not { Count: > 0 } || group.Items.Any(i => i.CooperativeId != group.CooperativeId || i.MemberId != group.MemberId))
            {
                throw new JsonException("A posting group holds one or more items of its own cooperative and member.");
            }
            return group;
        }
        return PostingGroup.Of(document.RootElement.Deserialize<TransactionMessage>(ApiJson.Options) ?? throw new JsonException("The message is null."));
    }

    private static int SizeOf(TransactionMessage message) => Encoding.UTF8.GetByteCount(Serialize(message));
}
