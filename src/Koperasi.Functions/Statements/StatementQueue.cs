using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Statements;

/// <summary>Puts per-member statement messages on the <c>statements</c> queue: base64, never expiring, optionally hidden for a while.</summary>
public sealed class StatementQueue(StorageAccount storage)
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task EnqueueAsync(StatementMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var queue = await storage.QueueAsync(StorageNames.StatementsQueue, cancellationToken);
        await queue.SendMessageAsync(Serialize(message), visibilityTimeout: delay > TimeSpan.Zero ? delay : null, timeToLive: NeverExpires, cancellationToken);
    }

    public static string Serialize(StatementMessage message) => JsonSerializer.Serialize(message, ApiJson.Options);

    public static StatementMessage Deserialize(string text) =>
        JsonSerializer.Deserialize<StatementMessage>(text, ApiJson.Options) ?? throw new JsonException("The message is null.");
}
