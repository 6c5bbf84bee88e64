using System.Security.Cryptography;
using System.Text;
using Koperasi.Functions.Providers;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Keys and posting ids derived from the provider's own identities, so a redelivered or reordered notification always
/// lands on the same rows and the same ledger ids: a payment is <c>hash(source, provider payment id)</c>, its deposit
/// <c>{mt|xd|sw}-{payment}</c>, and each refund <c>{mt|xd|sw}r-{hash(payment, refund id)}</c>.
/// </summary>
public static class PaymentKeys
{
    public const string PaymentRow = "payment";
    public const string RefundRowPrefix = "refund|";
    /// <summary>The row that says whether the provider has confirmed the latest money-moving notification.</summary>
    public const string ConfirmationRow = "confirmation";
    /// <summary>The platform index of payments that may have work left (postings to queue); no tenant data, only keys.</summary>
    public const string PendingPartition = "payments-pending";
    /// <summary>The index an earlier version kept of payments whose refunds waited for their deposit; the sweep moves its rows over.</summary>
    public const string LegacyWaitingPartition = "refunds-waiting";

    public static string Payment(string source, string providerPaymentId) => Hash(source + "\n" + providerPaymentId);

    public static string PaymentPartition(string cooperativeId, string paymentKey) => $"{cooperativeId}|pay|{paymentKey}";

    public static string UnmatchedPartition(string cooperativeId) => $"{cooperativeId}|unmatched";

    public static string ReferencePartition(string cooperativeId, string source) => $"{cooperativeId}|ref|{source}";

    public static string RefundRow(string refundId) => RefundRowPrefix + Hash(refundId);

    public static string DepositId(string source, string paymentKey) => $"{ProviderNames.PostingPrefix(source)}-{paymentKey}";

    public static string ReversalId(string source, string paymentKey, string refundId) =>
        $"{ProviderNames.PostingPrefix(source)}r-{Hash(paymentKey + "\n" + refundId)}";

    /// <summary>A platform index row (no tenant data): which payment may have postings left to queue.</summary>
    public static string PendingRow(string cooperativeId, string paymentKey) => $"{cooperativeId}|{paymentKey}";

    /// <summary>The range of partition keys that holds every payment of a cooperative (for the admin scan only).</summary>
    public static (string From, string To) PaymentPartitions(string cooperativeId) => ($"{cooperativeId}|pay|", $"{cooperativeId}|pay}}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
