using System.Text.Json;
using Koperasi.Functions.Providers;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Xendit's callbacks, told apart by shape: the Payments API's events (<c>{"event": "payment.capture", "data": {...}}</c>,
/// and <c>refund.succeeded</c>), a fixed virtual account payment (has <c>callback_virtual_account_id</c>; every payment
/// into the VA is its own <c>payment_id</c>), and an invoice (<c>id</c>, <c>external_id</c>, <c>status</c> PAID/SETTLED/EXPIRED).
/// Times are UTC. Null means an event that is not about money we track (answered 200 and ignored).
/// </summary>
public static class XenditCallback
{
    public static PaymentNotification? Read(JsonElement root)
    {
        var f = ProviderFields.Of(root);
        if (f.Has("event"))
        {
            return Event(f);
        }
        if (f.Has("callback_virtual_account_id"))
        {
            return VirtualAccountPayment(f);
        }
        if (f.Has("external_id") && f.Has("status") && f.Has("id"))
        {
            return Invoice(f);
        }
        f.Add("$", "is not a Xendit invoice, fixed virtual account or Payments API callback");
        f.ThrowIfInvalid();
        return null;
    }

    /// <summary>An invoice as <c>GET /v2/invoices/{id}</c> answers it (the callback's shape).</summary>
    public static PaymentNotification ReadInvoice(JsonElement root) => Invoice(ProviderFields.Of(root));

    /// <summary>A fixed virtual account payment as <c>GET /callback_virtual_account_payments/payment_id={id}</c> answers it.</summary>
    public static PaymentNotification ReadVirtualAccountPayment(JsonElement root) => VirtualAccountPayment(ProviderFields.Of(root));

    /// <summary>A Payments API payment as <c>GET /v3/payments/{payment_id}</c> answers it (the <c>data</c> of its events).</summary>
    public static PaymentNotification ReadPayment(JsonElement root) => Payment(ProviderFields.Of(root), "");

    /// <summary>A refund as <c>GET /refunds/{id}</c> answers it; null unless it <c>SUCCEEDED</c> (only then is money back).</summary>
    public static PaymentNotification? ReadRefund(JsonElement root)
    {
        var f = ProviderFields.Of(root);
        var status = f.String("status", required: true, maxLength: 64);
        f.ThrowIfInvalid();
        return status == "SUCCEEDED" ? Refund(f, "") : null;
    }

    private static PaymentNotification? Event(ProviderFields f)
    {
        var type = f.String("event", required: true, maxLength: 64);
        f.ThrowIfInvalid();
        if (type!.StartsWith("payment.", StringComparison.Ordinal))
        {
            return Payment(f, "data.");
        }
        return type == "refund.succeeded" ? Refund(f, "data.") : null;
    }

    private static PaymentNotification Payment(ProviderFields f, string p)
    {
        var paymentId = f.String(p + "payment_id", required: true, maxLength: 128);
        var status = f.String(p + "status", required: true, maxLength: 64);
        var reference = f.String(p + "reference_id", required: false, maxLength: 128);
        var succeeded = status == "SUCCEEDED";
        var amount = f.Amount(p + "request_amount", required: succeeded);
        var at = f.Instant(p + "updated", required: false) ?? f.Instant("created", required: succeeded);
        f.ThrowIfInvalid();
        var rank = succeeded || status is "FAILED" or "EXPIRED" or "CANCELED" ? PaymentNotification.Final : PaymentNotification.Pending;
        return new PaymentNotification(ProviderNames.Xendit, "py:" + paymentId, status!, rank, reference is null ? [] : [reference],
            succeeded ? new PaymentReceipt(amount!.Value, at!.Value) : null, []);
    }

    private static PaymentNotification Refund(ProviderFields f, string p)
    {
        var paymentId = f.String(p + "payment_id", required: true, maxLength: 128);
        var refundId = f.String(p + "id", required: true, maxLength: 128);
        var amount = f.Amount(p + "amount", required: true);
        var at = f.Instant(p + "updated", required: false) ?? f.Instant("created", required: true);
        f.ThrowIfInvalid();
        return new PaymentNotification(ProviderNames.Xendit, "py:" + paymentId, "REFUNDED", PaymentNotification.Refunded, [], null,
            [new RefundNotice(refundId!, amount!.Value, at!.Value)]);
    }

    private static PaymentNotification VirtualAccountPayment(ProviderFields f)
    {
        var paymentId = f.String("payment_id", required: true, maxLength: 128);
        var accountNumber = f.String("account_number", required: true, maxLength: 64);
        var externalId = f.String("external_id", required: false, maxLength: 128);
        var amount = f.Amount("amount", required: true);
        var at = f.Instant("transaction_timestamp", required: true);
        f.ThrowIfInvalid();
        return new PaymentNotification(ProviderNames.Xendit, "va:" + paymentId, "PAID", PaymentNotification.Final,
            externalId is null ? [accountNumber!] : [accountNumber!, externalId], new PaymentReceipt(amount!.Value, at!.Value), []);
    }

    private static PaymentNotification Invoice(ProviderFields f)
    {
        var id = f.String("id", required: true, maxLength: 128);
        var externalId = f.String("external_id", required: true, maxLength: 128);
        var status = f.String("status", required: true, maxLength: 64);
        var paid = status is "PAID" or "SETTLED";
        var amount = f.Has("paid_amount") ? f.Amount("paid_amount", required: paid) : f.Amount("amount", required: paid);
        var at = f.Instant("paid_at", required: paid);
        f.ThrowIfInvalid();
        var rank = paid || status == "EXPIRED" ? PaymentNotification.Final : PaymentNotification.Pending;
        return new PaymentNotification(ProviderNames.Xendit, "inv:" + id, status!, rank, [externalId!],
            paid ? new PaymentReceipt(amount!.Value, at!.Value) : null, []);
    }
}
