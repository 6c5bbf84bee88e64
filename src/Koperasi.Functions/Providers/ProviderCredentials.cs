using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Webhooks;

namespace Koperasi.Functions.Providers;

/// <summary>Validates the credential bodies (<c>{serverKey}</c>, <c>{callbackToken}</c>, <c>{secret}</c>) and stores them encrypted.</summary>
public sealed partial class ProviderCredentials(ProviderCredentialStore store)
{
    private const int MaxSecret = 512;

    public async Task<ConfiguredProvider> SetAsync(string cooperativeId, string source, string field, JsonElement body, CancellationToken cancellationToken = default)
    {
        var fields = new JsonFields(body, field);
        var secret = fields.String(field, required: true, maxLength: MaxSecret, Printable(), "must be printable ASCII without spaces");
        fields.ThrowIfInvalid("invalid_credentials", "The credentials are not valid.");
        return await store.SetAsync(cooperativeId, source, secret!, cancellationToken);
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
        return await store.SetAsync(cooperativeId, ProviderNames.Standard(name), secret!, cancellationToken);
    }

    public Task<IReadOnlyList<ConfiguredProvider>> ListAsync(string cooperativeId, CancellationToken cancellationToken = default) =>
        store.ListAsync(cooperativeId, cancellationToken);

    [GeneratedRegex("^[\\x21-\\x7E]{8,512}$")]
    private static partial Regex Printable();
}
