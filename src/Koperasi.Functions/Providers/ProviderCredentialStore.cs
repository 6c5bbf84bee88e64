using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Providers;

/// <summary>
/// Provider secrets in the <c>providers</c> table (partition = cooperative id, row = source), encrypted with
/// <see cref="SecretCipher"/>. Secrets leave this class only to verify a webhook or to call the provider's API; nothing lists or logs them.
/// </summary>
public sealed partial class ProviderCredentialStore(StorageAccount storage, SecretCipher cipher, TimeProvider time)
{
    /// <summary>
    /// Stores the secret (and, for Xendit, the read-only API key that confirms payments) encrypted, with whether to
    /// confirm money-moving notifications with the provider. <paramref name="verifyWithProvider"/> is null for a
    /// provider that signs everything that matters (Standard Webhooks).
    /// </summary>
    public async Task<ConfiguredProvider> SetAsync(string cooperativeId, string source, string secret, bool? verifyWithProvider = null, string? apiKey = null,
        CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ProvidersTable, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(cooperativeId, source)
        {
            ["Secret"] = cipher.Encrypt(secret, Context(cooperativeId, source)),
            ["ApiKey"] = apiKey is null ? null : cipher.Encrypt(apiKey, Context(cooperativeId, source) + "|api"),
            ["VerifyWithProvider"] = verifyWithProvider,
            ["UpdatedAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
        return ToConfigured(source, now, verifyWithProvider);
    }

    /// <summary>The secret of the source, or null when the cooperative has none (or the id is not one we issue).</summary>
    public async Task<string?> FindSecretAsync(string cooperativeId, string source, CancellationToken cancellationToken = default) =>
        (await FindAsync(cooperativeId, source, cancellationToken))?.Secret;

    /// <summary>
    /// The source's credentials, or null. A row stored before <c>verifyWithProvider</c> existed reads as verifying (the
    /// default); for Xendit such a row has no API key, so its confirmations fail visibly until the key is set.
    /// </summary>
    public async Task<ProviderSecrets?> FindAsync(string cooperativeId, string source, CancellationToken cancellationToken = default)
    {
        if (!CooperativeId().IsMatch(cooperativeId))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.ProvidersTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(cooperativeId, source, cancellationToken: cancellationToken);
        if (!entity.HasValue || entity.Value?.GetString("Secret") is not { } stored)
        {
            return null;
        }
        var row = entity.Value;
        var context = Context(cooperativeId, source);
        return new ProviderSecrets(cipher.Decrypt(stored, context), row.GetBoolean("VerifyWithProvider") ?? true,
            row.GetString("ApiKey") is { } apiKey ? cipher.Decrypt(apiKey, context + "|api") : null);
    }

    public async Task<IReadOnlyList<ConfiguredProvider>> ListAsync(string cooperativeId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ProvidersTable, cancellationToken);
        var list = new List<ConfiguredProvider>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == cooperativeId, select: ["RowKey", "UpdatedAt", "VerifyWithProvider"], cancellationToken: cancellationToken))
        {
            var verifies = e.RowKey.StartsWith(ProviderNames.StandardPrefix, StringComparison.Ordinal) ? (bool?)null : e.GetBoolean("VerifyWithProvider") ?? true;
            list.Add(ToConfigured(e.RowKey, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, verifies));
        }
        return list;
    }

    private static ConfiguredProvider ToConfigured(string source, DateTimeOffset updatedAt, bool? verifyWithProvider) =>
        source.StartsWith(ProviderNames.StandardPrefix, StringComparison.Ordinal)
            ? new ConfiguredProvider("standard-webhooks", source[ProviderNames.StandardPrefix.Length..], updatedAt)
            : new ConfiguredProvider(source, null, updatedAt) { VerifyWithProvider = verifyWithProvider };

    private static string Context(string cooperativeId, string source) => $"{cooperativeId}|{source}";

    // Cooperative ids are issued lowercase alphanumeric (see Ids); anything else in a webhook URL is simply unknown.
    [GeneratedRegex("^[a-z0-9]{1,32}$")]
    private static partial Regex CooperativeId();
}
