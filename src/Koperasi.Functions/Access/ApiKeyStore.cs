using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Access;

/// <summary>API keys in the <c>apikeys</c> table: partition = cooperative id, row = key id, the secret only as a hash.</summary>
public sealed class ApiKeyStore(StorageAccount storage, TimeProvider time)
{
    public async Task<(ApiKey Key, ApiKeyToken Token)> CreateAsync(string cooperativeId, string name, Role role, CancellationToken cancellationToken = default)
    {
        var token = ApiKeyToken.New(cooperativeId);
        var key = new ApiKey(token.KeyId, name, role, time.GetUtcNow());
        var table = await storage.TableAsync(StorageNames.ApiKeysTable, cancellationToken);
        await table.AddEntityAsync(new TableEntity(cooperativeId, token.KeyId)
        {
            ["Name"] = name,
            ["Role"] = role.ToString(),
            ["SecretHash"] = token.SecretHash(),
            ["CreatedAt"] = key.CreatedAt,
        }, cancellationToken);
        return (key, token);
    }

    public async Task<Caller?> FindCallerAsync(ApiKeyToken token, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ApiKeysTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(token.CooperativeId, token.KeyId, cancellationToken: cancellationToken);
        if (!entity.HasValue || entity.Value is null || !token.Matches(entity.Value.GetString("SecretHash")))
        {
            return null;
        }
        return new Caller(token.CooperativeId, token.KeyId, Enum.Parse<Role>(entity.Value.GetString("Role")));
    }

    public async Task<ListPage<ApiKey>> ListAsync(string cooperativeId, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ApiKeysTable, cancellationToken);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == cooperativeId, paging.Limit, cancellationToken: cancellationToken);
        return await TablePages.ReadAsync(query, paging, ToKey);
    }

    public async Task<bool> DeleteAsync(string cooperativeId, string keyId, CancellationToken cancellationToken = default)
    {
        // Key ids are ours (lowercase letters and digits); anything else, e.g. '#' or '\' that Table Storage refuses, is simply not a key.
        if (keyId.Length is 0 or > 32 || !keyId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            return false;
        }
        var table = await storage.TableAsync(StorageNames.ApiKeysTable, cancellationToken);
        try
        {
            var response = await table.DeleteEntityAsync(cooperativeId, keyId, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static ApiKey ToKey(TableEntity e) => new(
        e.RowKey, e.GetString("Name"), Enum.Parse<Role>(e.GetString("Role")), e.GetDateTimeOffset("CreatedAt") ?? e.Timestamp!.Value);
}
