using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Webhooks;

namespace Koperasi.Functions.Providers;

/// <summary>
/// Validates the credential bodies and stores them encrypted: Midtrans <c>{serverKey, verifyWithProvider?}</c>, Xendit
/// <c>{callbackToken, secretApiKey?, verifyWithProvider?}</c> (the API key is required while verifying, the default),
/// Standard Webhooks <c>{secret}</c>.
/// </summary>
public sealed partial class ProviderCredentials(ProviderCredentialStore store)
{
    private const int MaxSecret = 512;
    private const string Rule = "must be printable ASCII without spaces";

    public async Task<ConfiguredProvider> SetMidtransAsync(string cooperativeId, JsonElement body, CancellationToken cancellationToken = default)
    {
        var fields = new JsonFields(body, "serverKey", "verifyWithProvider");
        var serverKey = fields.String("serverKey", required: true, maxLength: MaxSecret, Printable(), Rule);
        var verify = VerifyWithProvider(body, fields);
        fields.ThrowIfInvalid("invalid_credentials", "The credentials are not valid.");
        return await store.SetAsync(cooperativeId, ProviderNames.Midtrans, serverKey!, verify, cancellationToken: cancellationToken);
    }

    public async Task<ConfiguredProvider> SetXenditAsync(string cooperativeId, JsonElement body, CancellationToken cancellationToken = default)
    {
        var fields = new JsonFields(body, "callbackToken", "secretApiKey", "verifyWithProvider");
        var token = fields.String("callbackToken", required: true, maxLength: MaxSecret, Printable(), Rule);
        var verify = VerifyWithProvider(body, fields);
        var apiKey = fields.String("secretApiKey", required: verify, maxLength: MaxSecret, Printable(), Rule);
        fields.ThrowIfInvalid("invalid_credentials", verify && apiKey is null
            ? "The credentials are not valid: confirming payments with Xendit (verifyWithProvider, the default) needs a read-only secretApiKey."
            : "The credentials are not valid.");
        return await store.SetAsync(cooperativeId, ProviderNames.Xendit, token!, verify, apiKey, cancellationToken);
    }

    public async Task<ConfiguredProvider> SetStandardAsync(string cooperativeId, string name, JsonElement body, CancellationToken cancellationToken = default)
    {
        if (!ProviderNames.IsValidStandardName(name))
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_credentials", "The credentials are not valid.",
                new Dictionary<string, string[]> { ["name"] = [ProviderNames.NameRule] }));
        }
        var fields = new JsonFields(body, "secret");
        var secret = fields.String("secret", required: true, maxLength: MaxSecret);
        if (secret is not null && StandardWebhookSignature.KeyOf(secret) is null)
        {
            fields.Add("secret", "must be 'whsec_' followed by base64 (the signing secret the provider shows)");
        }
        fields.ThrowIfInvalid("invalid_credentials", "The credentials are not valid.");
        return await store.SetAsync(cooperativeId, ProviderNames.Standard(name), secret!, cancellationToken: cancellationToken);
    }

    /// <summary>Optional, default true: confirming with the provider is the safe choice, turning it off the weaker one.</summary>
    private static bool VerifyWithProvider(JsonElement body, JsonFields fields)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("verifyWithProvider", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        fields.Add("verifyWithProvider", "must be true or false");
        return true;
    }

    public Task<IReadOnlyList<ConfiguredProvider>> ListAsync(string cooperativeId, CancellationToken cancellationToken = default) =>
        store.ListAsync(cooperativeId, cancellationToken);

    [GeneratedRegex("^[\\x21-\\x7E]{8,512}$")]
    private static partial Regex Printable();
}
