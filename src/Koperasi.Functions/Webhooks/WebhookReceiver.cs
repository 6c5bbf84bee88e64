using Koperasi.Functions.Api;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Verifies a provider's call against the cooperative's secret before it means anything — a wrong signature, an
/// unknown cooperative and an unconfigured provider all get the same 401, with nothing stored or queued — then
/// answers 200 once it is stored and its work queued. A Midtrans or Xendit notification that would move money is
/// not acted on here: its signature or token does not cover what it claims, so it is queued for confirmation with
/// the provider (<see cref="PaymentConfirmations"/>), unless the cooperative turned <c>verifyWithProvider</c> off.
/// </summary>
public sealed partial class WebhookReceiver(
    ProviderCredentialStore credentials, PaymentIntake payments, PaymentConfirmations confirmations, TimeProvider time, ILogger<WebhookReceiver> logger)
{
    public async Task<IActionResult> MidtransAsync(string cooperativeId, HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken: cancellationToken);
        var provider = await credentials.FindAsync(cooperativeId, ProviderNames.Midtrans, cancellationToken);
        if (provider is null)
        {
            return Unauthorized(cooperativeId, ProviderNames.Midtrans);
        }
        // Midtrans signs fields inside the body, so the JSON is read for them (and only them) before the check.
        using var document = RequestBody.ParseJson(body);
        if (MidtransNotification.SignedFields(document.RootElement) is not { } signed ||
            !MidtransSignature.Verify(signed.OrderId, signed.StatusCode, signed.GrossAmount, provider.Secret, signed.Signature))
        {
            return Unauthorized(cooperativeId, ProviderNames.Midtrans);
        }
        return await RecordAsync(cooperativeId, MidtransNotification.Read(document.RootElement), provider.VerifyWithProvider, cancellationToken);
    }

    public async Task<IActionResult> XenditAsync(string cooperativeId, HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken: cancellationToken);
        var provider = await credentials.FindAsync(cooperativeId, ProviderNames.Xendit, cancellationToken);
        if (provider is null || !XenditCallbackToken.Verify(provider.Secret, request.Headers[XenditCallbackToken.Header].ToString()))
        {
            return Unauthorized(cooperativeId, ProviderNames.Xendit);
        }
        using var document = RequestBody.ParseJson(body);
        return await RecordAsync(cooperativeId, XenditCallback.Read(document.RootElement), provider.VerifyWithProvider, cancellationToken);
    }

    public async Task<IActionResult> StandardAsync(string cooperativeId, string name, HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken: cancellationToken);
        var source = ProviderNames.Standard(name);
        var secret = ProviderNames.IsValidStandardName(name) ? await credentials.FindSecretAsync(cooperativeId, source, cancellationToken) : null;
        var id = request.Headers[StandardWebhookSignature.IdHeader].ToString();
        if (secret is null || id.Length is 0 or > 128 || !StandardWebhookSignature.Verify(secret, id, request.Headers[StandardWebhookSignature.TimestampHeader].ToString(),
            request.Headers[StandardWebhookSignature.SignatureHeader].ToString(), body, time.GetUtcNow()))
        {
            return Unauthorized(cooperativeId, ProviderNames.IsValidStandardName(name) ? source : "standard");
        }
        using var document = RequestBody.ParseJson(body);
        // The signature covers the whole body: nothing in it is unverified, so there is nothing to confirm.
        return await RecordAsync(cooperativeId, StandardWebhookEvent.Read(document.RootElement, name, id), confirm: false, cancellationToken);
    }

    private async Task<IActionResult> RecordAsync(string cooperativeId, PaymentNotification? notification, bool confirm, CancellationToken cancellationToken)
    {
        if (notification is null)
        {
            return ApiResults.Json(new { Received = true, Ignored = true });
        }
        if (confirm && ProviderLookup.Confirms(notification.Source) && ProviderLookup.MovesMoney(notification))
        {
            await confirmations.RequestAsync(cooperativeId, notification, cancellationToken);
            return ApiResults.Json(new { Received = true, Confirming = true });
        }
        await payments.RecordAsync(cooperativeId, notification, cancellationToken);
        return ApiResults.Json(new { Received = true });
    }

    private IActionResult Unauthorized(string cooperativeId, string source)
    {
        LogUnverified(logger, cooperativeId.Length <= 32 ? cooperativeId : cooperativeId[..32], source);
        return ApiResults.Problem(ApiProblem.Unauthorized("The notification's signature or token does not verify for this URL."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unverified {Source} notification for cooperative {CooperativeId}: nothing stored")]
    private static partial void LogUnverified(ILogger logger, string cooperativeId, string source);
}
