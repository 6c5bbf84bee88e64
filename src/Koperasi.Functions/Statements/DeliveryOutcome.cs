namespace Koperasi.Functions.Statements;

/// <summary>What a sender knows after trying: sent (with the provider's id), failed (surely not sent), or unknown.</summary>
public sealed record DeliveryOutcome(StatementStatus Status, string? ProviderMessageId, string? Error)
{
    public static DeliveryOutcome Sent(string providerMessageId) => new(StatementStatus.Sent, providerMessageId, null);

    public static DeliveryOutcome Failed(string error) => new(StatementStatus.Failed, null, error);

    public static DeliveryOutcome Unknown(string error) => new(StatementStatus.Unknown, null, error);
}
