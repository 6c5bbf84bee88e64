namespace Koperasi.Functions.Webhooks;

/// <summary>What a provider's API said when asked to confirm a notification.</summary>
public enum ProviderAnswerStatus
{
    /// <summary>It answered with the object: act on this answer.</summary>
    Found,
    /// <summary>It does not know the object: the notification is not confirmed, and nothing is posted.</summary>
    NotFound,
    /// <summary>No usable answer yet (down, 5xx, 429, timeout): keep the notification and ask again later.</summary>
    Unavailable,
    /// <summary>It refused us (a wrong or revoked key) or answered nonsense: asking again will not help; the treasurer must look.</summary>
    Refused,
}
