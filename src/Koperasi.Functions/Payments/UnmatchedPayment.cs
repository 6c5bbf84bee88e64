namespace Koperasi.Functions.Payments;

/// <summary>A payment whose reference matched no member, kept for the treasurer to assign.</summary>
public sealed record UnmatchedPayment(string Id, string Provider, string ProviderPaymentId, string? Reference, long Amount, DateTimeOffset PaidAt, string Status, DateTimeOffset ReceivedAt);
