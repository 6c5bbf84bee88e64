namespace Koperasi.Functions.Webhooks;

/// <summary>Money received: whole rupiah and the instant it was paid.</summary>
public sealed record PaymentReceipt(long Amount, DateTimeOffset PaidAt);
