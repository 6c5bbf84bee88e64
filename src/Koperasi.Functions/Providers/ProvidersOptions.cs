namespace Koperasi.Functions.Providers;

/// <summary>
/// Settings section <c>Providers</c>: the AES-256 key (base64 of 32 random bytes) that encrypts provider secrets at
/// rest, and how the app confirms money-moving notifications with the providers' own APIs (see docs/webhooks.md).
/// </summary>
public sealed class ProvidersOptions
{
    public const string Section = "Providers";
    public const string KeyRule = "Providers:SecretsKey must be the base64 of 32 random bytes (openssl rand -base64 32).";
    public const string ApiRule = "Providers:Midtrans:ApiBaseUrl and Providers:Xendit:ApiBaseUrl must be absolute http(s) URLs; Providers:ApiTimeout, "
        + "Providers:ConfirmationFirstRetry and Providers:ConfirmationGiveUpAfter must be positive.";

    public string SecretsKey { get; set; } = "";

    /// <summary>Midtrans' API (Get Status). Sandbox: <c>https://api.sandbox.midtrans.com</c>.</summary>
    public ProviderApiOptions Midtrans { get; set; } = new() { ApiBaseUrl = "https://api.midtrans.com" };

    /// <summary>Xendit's API. Xendit has one host for both modes: a test-mode key (<c>xnd_development_…</c>) reads test data.</summary>
    public ProviderApiOptions Xendit { get; set; } = new() { ApiBaseUrl = "https://api.xendit.co" };

    /// <summary>How long one call to a provider's API may take.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry of a confirmation the provider could not answer; it doubles, up to 30 minutes.</summary>
    public TimeSpan ConfirmationFirstRetry { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After this long unconfirmed, a notification goes to the failures list (the treasurer sees it and can replay it).</summary>
    public TimeSpan ConfirmationGiveUpAfter { get; set; } = TimeSpan.FromHours(6);

    public static bool IsValidKey(string? key)
    {
        var buffer = new byte[64];
        return !string.IsNullOrWhiteSpace(key) && Convert.TryFromBase64String(key, buffer, out var written) && written == 32;
    }

    public bool IsValidApi() =>
        Midtrans.IsValid() && Xendit.IsValid() && ApiTimeout > TimeSpan.Zero && ConfirmationFirstRetry > TimeSpan.Zero && ConfirmationGiveUpAfter > TimeSpan.Zero;
}
