using System.Text.Json;
using Koperasi.Functions.Providers;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Our event for Standard Webhooks senders: <c>{"type": "payment.succeeded" | "payment.refunded", "data": {"paymentId",
/// "reference", "amount", "paidAt"}}</c>, amount in whole rupiah. A refund's identity is its <c>webhook-id</c> (the
/// scheme's idempotency key), so each refund message takes money back once. Null means a type we do not handle.
/// </summary>
public static class StandardWebhookEvent
{
    public const string Succeeded = "payment.succeeded";
    public const string Refunded = "payment.refunded";

    public static PaymentNotification? Read(JsonElement root, string name, string webhookId)
    {
        var f = ProviderFields.Of(root);
        var type = f.String("type", required: true, maxLength: 64);
        f.ThrowIfInvalid();
        if (type is not (Succeeded or Refunded))
        {
            return null;
        }
        var paymentId = f.String("data.paymentId", required: true, maxLength: 128);
        var reference = f.String("data.reference", required: type == Succeeded, maxLength: 128);
        var amount = f.Amount("data.amount", required: true);
        var at = f.Instant("data.paidAt", required: true);
        f.ThrowIfInvalid();
        var source = ProviderNames.Standard(name);
        IReadOnlyList<string> references = reference is null ? [] : [reference];
        return type == Succeeded
            ? new PaymentNotification(source, paymentId!, type, PaymentNotification.Final, references, new PaymentReceipt(amount!.Value, at!.Value), [])
            : new PaymentNotification(source, paymentId!, type, PaymentNotification.Refunded, references, null, [new RefundNotice(webhookId, amount!.Value, at!.Value)]);
    }
}
