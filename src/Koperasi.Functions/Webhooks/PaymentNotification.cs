namespace Koperasi.Functions.Webhooks;

/// <summary>
/// What one provider notification says, in our terms: which payment (the provider's identity), its status and how
/// far along it is (<see cref="Rank"/>; statuses only move forward), the references to match a member by, whether
/// money came in, and which refunds (each with its own identity) took money back.
/// </summary>
public sealed record PaymentNotification(
    string Source,
    string ProviderPaymentId,
    string Status,
    int Rank,
    IReadOnlyList<string> References,
    PaymentReceipt? Paid,
    IReadOnlyList<RefundNotice> Refunds)
{
    public const int Unknown = 0;
    public const int Pending = 1;
    /// <summary>Paid, or ended with no money (expired, cancelled, denied).</summary>
    public const int Final = 2;
    public const int Refunded = 3;
}
