using System.Text.Json;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// Reads the real <c>transactions</c> queue of a queueless LocalHost (nothing else consumes it). Draining takes every
/// message off, so a test that drains before and after its request sees exactly what that request queued.
/// </summary>
public sealed class TransactionQueueReader(StorageClientFactory storage)
{
    /// <summary>Every posting request queued, in message order and, inside a member's group, in the order sent.</summary>
    public async Task<IReadOnlyList<JsonElement>> DrainAsync() =>
        (await DrainMessagesAsync()).SelectMany(m => m.GetProperty("items").EnumerateArray()).ToList();

    /// <summary>The queue messages themselves: one posting group (a member's items) each.</summary>
    public async Task<IReadOnlyList<JsonElement>> DrainMessagesAsync()
    {
        var queue = storage.CreateQueueClient(StorageNames.TransactionsQueue);
        await queue.CreateIfNotExistsAsync();
        var all = new List<JsonElement>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return all;
            }
            foreach (var message in messages)
            {
                all.Add(JsonDocument.Parse(message.Body.ToString()).RootElement.Clone());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public static string Describe(IEnumerable<JsonElement> messages) =>
        string.Join(", ", messages.Select(m => m.TryGetProperty("id", out var id) ? id.ToString() : m.GetRawText()));
}
