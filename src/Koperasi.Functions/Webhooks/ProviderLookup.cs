using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Providers;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Reads a payment back from its provider and turns the answer into a notification, so the app acts on what the
/// provider says rather than on what was posted to the webhook. Midtrans: the Get Status API, whose answer must carry a
/// <c>signature_key</c> that verifies with the server key. Xendit, by the kind of id: an invoice
/// (<c>GET /v2/invoices/{id}</c>), a fixed virtual account payment (<c>GET /callback_virtual_account_payments/payment_id={id}</c>),
/// a Payments API payment (<c>GET /v3/payments/{id}</c>) or its refund (<c>GET /refunds/{id}</c>).
/// </summary>
public sealed class ProviderLookup(MidtransStatusApi midtrans, XenditApi xendit)
{
    /// <summary>Providers whose signature or token does not cover what moves money (Standard Webhooks signs the whole body).</summary>
    public static bool Confirms(string source) => source is ProviderNames.Midtrans or ProviderNames.Xendit;

    /// <summary>Whether acting on the notification would post anything: money in, or a refund out.</summary>
    public static bool MovesMoney(PaymentNotification n) => n.Paid is not null || n.Refunds.Count > 0;

    public async Task<ProviderConfirmation> ConfirmAsync(string source, string providerPaymentId, string? refundId, ProviderSecrets secrets,
        CancellationToken cancellationToken = default)
    {
        if (source == ProviderNames.Midtrans)
        {
            var answer = await midtrans.GetStatusAsync(providerPaymentId, secrets.Secret, cancellationToken);
            return answer.Status != ProviderAnswerStatus.Found ? new(answer.Status, null, answer.Detail) : ReadMidtrans(answer.Body, providerPaymentId, secrets.Secret);
        }
        if (secrets.ApiKey is null)
        {
            return new(ProviderAnswerStatus.Refused, null, "no Xendit secretApiKey is set: PUT /api/providers/xendit with one (or verifyWithProvider: false)");
        }
        var (kind, id) = providerPaymentId.Split(':', 2) is [var k, var i] ? (k, i) : ("", providerPaymentId);
        (string Path, Func<JsonElement, PaymentNotification?> Read)? lookup = kind switch
        {
            "inv" => ($"v2/invoices/{Uri.EscapeDataString(id)}", XenditCallback.ReadInvoice),
            "va" => ($"callback_virtual_account_payments/payment_id={Uri.EscapeDataString(id)}", XenditCallback.ReadVirtualAccountPayment),
            "py" when refundId is not null => ($"refunds/{Uri.EscapeDataString(refundId)}", XenditCallback.ReadRefund),
            "py" => ($"v3/payments/{Uri.EscapeDataString(id)}", XenditCallback.ReadPayment),
            _ => null,
        };
        if (lookup is not { } l)
        {
            return new(ProviderAnswerStatus.Refused, null, $"no Xendit read endpoint for payment id '{providerPaymentId}'");
        }
        var xenditAnswer = await xendit.GetAsync(l.Path, secrets.ApiKey, cancellationToken);
        if (xenditAnswer.Status != ProviderAnswerStatus.Found)
        {
            return new(xenditAnswer.Status, null, xenditAnswer.Detail);
        }
        var read = Read(() => l.Read(xenditAnswer.Body));
        if (read.Status != ProviderAnswerStatus.Found || read.Notification is null)
        {
            return read.Notification is null && read.Status == ProviderAnswerStatus.Found
                ? new(ProviderAnswerStatus.NotFound, null, "Xendit does not report this refund as succeeded")
                : read;
        }
        var n = read.Notification;
        return n.ProviderPaymentId != providerPaymentId || (refundId is not null && n.Refunds.All(r => r.RefundId != refundId))
            ? new(ProviderAnswerStatus.Refused, null, "Xendit's answer is about another payment")
            : read;
    }

    private static ProviderConfirmation ReadMidtrans(JsonElement body, string orderId, string serverKey)
    {
        if (MidtransNotification.SignedFields(body) is not { } signed ||
            !MidtransSignature.Verify(signed.OrderId, signed.StatusCode, signed.GrossAmount, serverKey, signed.Signature))
        {
            return new(ProviderAnswerStatus.Refused, null, "the signature_key of Midtrans' answer does not verify with the server key");
        }
        var read = Read(() => MidtransNotification.Read(body));
        return read.Notification is { } n && n.ProviderPaymentId != orderId
            ? new(ProviderAnswerStatus.Refused, null, "Midtrans' answer is about another order")
            : read;
    }

    private static ProviderConfirmation Read(Func<PaymentNotification?> read)
    {
        try
        {
            return new(ProviderAnswerStatus.Found, read(), "confirmed by the provider");
        }
        catch (ApiProblemException e)
        {
            return new(ProviderAnswerStatus.Refused, null, "the provider's answer is not a payment we can read: " + e.Problem.Detail);
        }
    }
}
