namespace Koperasi.Functions.Payments;

/// <summary>
/// One notification to confirm with its provider, on the <c>payment-confirmations</c> queue: which payment (and, for a
/// Xendit refund callback, which refund), what the notification claimed, when it came in, and how many tries so far.
/// It carries no amounts: what moves money is read from the provider.
/// </summary>
public sealed record PaymentConfirmationMessage(
    string CooperativeId,
    string Source,
    string ProviderPaymentId,
    string? RefundId,
    string ClaimedStatus,
    DateTimeOffset ReceivedAt,
    int Attempt);
