using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Providers;

/// <summary>
/// Provider secrets in the <c>providers</c> table (partition = cooperative id, row = source), encrypted with
/// <see cref="SecretCipher"/>. Secrets leave this class only to verify a webhook; nothing lists or logs them.
/// </summary>
public sealed partial class ProviderCredentialStore(StorageAccount storage, SecretCipher cipher, TimeProvider time)
{
    public async Task<ConfiguredProvider> SetAsync(string cooperativeId, string source, string secret, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ProvidersTable, cancellationToken);
        var now = time.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(cooperativeId, source)
        {
            ["Secret"] = cipher.Encrypt(secret, Context(cooperativeId, source)),
            ["UpdatedAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
        return ToConfigured(source, now);
    }

    /// <summary>The secret of the source, or null when the cooperative has none (or the id is not one we issue).</summary>
    public async Task<string?> FindSecretAsync(string cooperativeId, string source, CancellationToken cancellationToken = default)
    {
        if (!CooperativeId().IsMatch(cooperativeId))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.ProvidersTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(cooperativeId, source, cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value?.GetString("Secret") is { } stored ? cipher.Decrypt(stored, Context(cooperativeId, source)) : null;
    }

    public async Task<IReadOnlyList<ConfiguredProvider>> ListAsync(string cooperativeId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ProvidersTable, cancellationToken);
        var list = new List<ConfiguredProvider>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == cooperativeId, select: ["RowKey", "UpdatedAt"], cancellationToken: cancellationToken))
        {
            list.Add(ToConfigured(e.RowKey, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue));
        }
        return list;
    }

    private static ConfiguredProvider ToConfigured(string source, DateTimeOffset updatedAt) =>
        source.StartsWith(ProviderNames.StandardPrefix, StringComparison.Ordinal)
            ? new ConfiguredProvider("standard-webhooks", source[ProviderNames.StandardPrefix.Length..], updatedAt)
            : new ConfiguredProvider(source, null, updatedAt);

    private static string Context(string cooperativeId, string source) => $"{cooperativeId}|{source}";

    // Cooperative ids are issued lowercase alphanumeric (see Ids); anything else in a webhook URL is simply unknown.
    [GeneratedRegex("^[a-z0-9]{1,32}$")]
    private static partial Regex CooperativeId();
}
