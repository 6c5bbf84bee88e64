using System.Text.Json;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Books;

/// <summary>The cooperative's SHU policy: one row of the <c>books</c> table (<c>{coop}|shu</c> / <c>policy</c>); the default until one is set.</summary>
public sealed class ShuPolicyStore(StorageAccount storage, ChartOfAccountsStore charts)
{
    public const string PolicyRow = "policy";

    public static string Partition(string cooperativeId) => $"{cooperativeId}|shu";

    public async Task<ShuPolicy> GetAsync(string cooperativeId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cooperativeId), PolicyRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value?.GetString("Policy") is { } json
            ? JsonSerializer.Deserialize<ShuPolicy>(json, ApiJson.Options) ?? ShuPolicy.Default
            : ShuPolicy.Default;
    }

    /// <summary>Reads and checks a policy against the cooperative's chart, then stores it.</summary>
    public async Task<ShuPolicy> PutAsync(string cooperativeId, JsonElement body, CancellationToken cancellationToken = default) =>
        await PutAsync(cooperativeId, ShuPolicy.Read(body, await charts.LoadAsync(cooperativeId, cancellationToken)), cancellationToken);

    public async Task<ShuPolicy> PutAsync(string cooperativeId, ShuPolicy policy, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition(cooperativeId), PolicyRow) { ["Policy"] = JsonSerializer.Serialize(policy, ApiJson.Options) },
            TableUpdateMode.Replace, cancellationToken);
        return policy;
    }
}
