using System.Collections.Concurrent;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Cooperatives;

/// <summary>Cooperatives in the <c>cooperatives</c> table (partition = cooperative id). Profiles change rarely, so reads are cached briefly.</summary>
public sealed class CooperativeStore(StorageAccount storage, TimeProvider time)
{
    private const string ProfileRow = "profile";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (Cooperative Cooperative, DateTimeOffset Until)> cache = new();

    public async Task AddAsync(Cooperative cooperative, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.CooperativesTable, cancellationToken);
        await table.AddEntityAsync(new TableEntity(cooperative.Id, ProfileRow)
        {
            ["Name"] = cooperative.Name,
            ["TimeZone"] = cooperative.TimeZone,
            ["SimpananPokokAmount"] = cooperative.SimpananPokokAmount,
            ["SimpananWajibAmount"] = cooperative.SimpananWajibAmount,
            ["CreatedAt"] = cooperative.CreatedAt,
        }, cancellationToken);
    }

    public async Task<Cooperative?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(id, out var hit) && hit.Until > now)
        {
            return hit.Cooperative;
        }
        var table = await storage.TableAsync(StorageNames.CooperativesTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id, ProfileRow, cancellationToken: cancellationToken);
        if (!entity.HasValue || entity.Value is null)
        {
            return null;
        }
        var e = entity.Value;
        var cooperative = new Cooperative(id, e.GetString("Name"), e.GetString("TimeZone"),
            e.GetInt64("SimpananPokokAmount") ?? 0, e.GetInt64("SimpananWajibAmount") ?? 0, e.GetDateTimeOffset("CreatedAt") ?? now);
        cache[id] = (cooperative, now + CacheFor);
        return cooperative;
    }

    public async IAsyncEnumerable<Cooperative> ListAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.CooperativesTable, cancellationToken);
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.RowKey == ProfileRow, cancellationToken: cancellationToken))
        {
            yield return new Cooperative(e.PartitionKey, e.GetString("Name"), e.GetString("TimeZone"),
                e.GetInt64("SimpananPokokAmount") ?? 0, e.GetInt64("SimpananWajibAmount") ?? 0, e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
        }
    }
}
