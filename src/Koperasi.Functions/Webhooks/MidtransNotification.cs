using System.Text.Json;
using Koperasi.Functions.Providers;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Midtrans' HTTP notification. Money came in on <c>settlement</c> or <c>capture</c> with <c>fraud_status: accept</c>;
/// <c>refund</c>, <c>partial_refund</c>, <c>chargeback</c> and <c>partial_chargeback</c> take it back (and also prove it
/// came in, so a refund that overtakes its settlement still books the deposit). One order_id is one payment.
/// </summary>
public static class MidtransNotification
{
    private static readonly string[] RefundStatuses = ["refund", "partial_refund", "chargeback", "partial_chargeback"];

    /// <summary>The signed fields as received; null when one is missing (the caller answers 401: it cannot be verified).</summary>
    public static (string OrderId, string StatusCode, string GrossAmount, string? Signature)? SignedFields(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var orderId = Raw(root, "order_id");
        var statusCode = Raw(root, "status_code");
        var grossAmount = Raw(root, "gross_amount");
        return orderId is null || statusCode is null || grossAmount is null ? null : (orderId, statusCode, grossAmount, Raw(root, "signature_key"));
    }

    public static PaymentNotification Read(JsonElement root)
    {
        var f = ProviderFields.Of(root);
        var orderId = f.String("order_id", required: true, maxLength: 128);
        var status = f.String("transaction_status", required: true, maxLength: 64);
        var fraud = f.String("fraud_status", required: false, maxLength: 64);
        var gross = f.Amount("gross_amount", required: true);
        var transactionTime = f.JakartaTime("transaction_time", required: true);
        var settlementTime = f.JakartaTime("settlement_time", required: false);
        f.ThrowIfInvalid();

        var paid = new PaymentReceipt(gross!.Value, settlementTime ?? transactionTime!.Value);
        var (rank, receipt) = status switch
        {
            "settlement" => (PaymentNotification.Final, paid),
            "capture" when fraud == "accept" => (PaymentNotification.Final, paid),
            "capture" or "pending" or "authorize" => (PaymentNotification.Pending, null),
            "expire" or "cancel" or "deny" or "failure" => (PaymentNotification.Final, null),
            _ when RefundStatuses.Contains(status) => (PaymentNotification.Refunded, paid),
            _ => (PaymentNotification.Unknown, (PaymentReceipt?)null),
        };
        var refunds = RefundStatuses.Contains(status) ? Refunds(f, status!, gross.Value, transactionTime!.Value) : [];
        f.ThrowIfInvalid();
        return new PaymentNotification(ProviderNames.Midtrans, orderId!, status!, rank, References(f, orderId!), receipt, refunds);
    }

    /// <summary>
    /// Each refund carries its identity in the <c>refunds</c> list (<c>refund_chargeback_id</c>, else
    /// <c>refund_chargeback_uuid</c> or <c>refund_key</c>); a single refund may carry it at the top level instead. A full
    /// refund or chargeback with no identity at all is the whole order, once.
    /// </summary>
    private static IReadOnlyList<RefundNotice> Refunds(ProviderFields f, string status, long gross, DateTimeOffset transactionTime)
    {
        var list = new List<RefundNotice>();
        var i = 0;
        foreach (var item in f.Array("refunds"))
        {
            var one = new ProviderFields(item);
            var id = one.String("refund_chargeback_id", false) ?? one.String("refund_chargeback_uuid", false) ?? one.String("refund_key", false);
            var amount = one.Amount("refund_amount", required: true);
            var at = one.JakartaTime("created_at", required: false) ?? transactionTime;
            if (id is null)
            {
                f.Add($"refunds[{i}]", "must carry refund_chargeback_id or refund_key");
            }
            else if (amount is null)
            {
                f.Add($"refunds[{i}].refund_amount", "must be whole rupiah");
            }
            else
            {
                list.Add(new RefundNotice(id, amount.Value, at));
            }
            i++;
        }
        if (list.Count > 0 || i > 0)
        {
            return list;
        }
        if ((f.String("refund_chargeback_id", false) ?? f.String("refund_key", false)) is { } topId)
        {
            var amount = f.Amount("refund_amount", required: true);
            return amount is null ? [] : [new RefundNotice(topId, amount.Value, transactionTime)];
        }
        if (!status.StartsWith("partial_", StringComparison.Ordinal))
        {
            return [new RefundNotice(status, gross, transactionTime)];
        }
        f.Add("refunds", "a partial refund or chargeback must list its refunds with refund_chargeback_id and refund_amount");
        return [];
    }

    private static IReadOnlyList<string> References(ProviderFields f, string orderId)
    {
        var references = new List<string> { orderId };
        foreach (var va in f.Array("va_numbers"))
        {
            if (va.ValueKind == JsonValueKind.Object && va.TryGetProperty("va_number", out var number) && number.ValueKind == JsonValueKind.String)
            {
                references.Add(number.GetString()!);
            }
        }
        if (f.String("permata_va_number", false) is { } permata)
        {
            references.Add(permata);
        }
        return references;
    }

    private static string? Raw(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
