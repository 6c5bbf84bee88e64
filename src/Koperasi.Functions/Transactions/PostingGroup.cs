namespace Koperasi.Functions.Transactions;

/// <summary>
/// One message on the <c>transactions</c> queue: the posting requests of one member, in the order the client sent
/// them. The queue keeps no order, so the order of an offline batch travels inside the message and the ledger
/// applies the items one after another. A member's items that do not fit one queue message are split into parts;
/// each part after the first names the last id of the part before it (<see cref="After"/>), and is applied only once
/// that id is in the ledger.
/// </summary>
public sealed record PostingGroup(string CooperativeId, string MemberId, IReadOnlyList<TransactionMessage> Items, string? After = null)
{
    /// <summary>Raw JSON bytes per message: base64 makes 4 of every 3, and a queue message holds 64 KiB.</summary>
    public const int MaxMessageBytes = 45_000;

    /// <summary>Room for the group's own fields around its items: the ids, the cooperative and the chain link.</summary>
    private const int EnvelopeBytes = 512;

    public static PostingGroup Of(TransactionMessage message) => new(message.CooperativeId, message.MemberId, [message]);

    /// <summary>
    /// The member's items in sent order, cut into parts whose JSON stays under <see cref="MaxMessageBytes"/>; each
    /// part after the first chained to the one before it.
    /// </summary>
    public static IReadOnlyList<PostingGroup> Split(string cooperativeId, string memberId, IReadOnlyList<TransactionMessage> items, Func<TransactionMessage, int> sizeOf)
    {
        var parts = new List<PostingGroup>();
        var current = new List<TransactionMessage>();
        var size = 0;
        foreach (var item in items)
        {
            var itemSize = sizeOf(item) + 1;
            if (current.Count > 0 && size + itemSize > MaxMessageBytes - EnvelopeBytes)
            {
                parts.Add(new PostingGroup(cooperativeId, memberId, current, parts.Count == 0 ? null : parts[^1].Items[^1].Id));
                current = [];
                size = 0;
            }
            current.Add(item);
            size += itemSize;
        }
        if (current.Count > 0)
        {
            parts.Add(new PostingGroup(cooperativeId, memberId, current, parts.Count == 0 ? null : parts[^1].Items[^1].Id));
        }
        return parts;
    }
}
