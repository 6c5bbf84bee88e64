using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The cooperative's audit trail in the <c>audit</c> table, append-only (inserts, never an update or a delete): one
/// row per change in <c>{cooperativeId}|{yyyyMMdd UTC}|{shard}</c>, the shard one of <see cref="Shards"/> picked at
/// random so a busy day is not one hot partition; RowKey <c>{UTC ticks, 19 digits}|{random}</c>, so every partition
/// reads in time order. A list reads, for each UTC day the dates cover, each shard's RowKey range and merges them.
/// </summary>
public sealed partial class AuditTrail(StorageAccount storage, TimeProvider time)
{
    public const int Shards = 4;
    /// <summary>The longest <c>from</c>–<c>to</c> a list covers: each day is <see cref="Shards"/> range reads.</summary>
    public const int MaxDays = 31;

    public async Task RecordAsync(string cooperativeId, string actor, Role? role, string kind, string path, int status, string requestId, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow();
        var table = await storage.TableAsync(StorageNames.AuditTable, cancellationToken);
        await table.AddEntityAsync(new TableEntity(Partition(cooperativeId, DateOnly.FromDateTime(at.UtcDateTime), Random.Shared.Next(Shards)), RowKey(at.UtcTicks, Ids.NewId(8)))
        {
            ["Actor"] = actor,
            ["Role"] = role?.ToString().ToLowerInvariant(),
            ["Kind"] = kind,
            ["Path"] = path,
            ["Status"] = status,
            ["RequestId"] = requestId,
            ["At"] = at,
        }, cancellationToken);
    }

    /// <summary>The changes from <paramref name="from"/> to <paramref name="to"/> (dates in the cooperative's zone, inclusive), oldest first, optionally of one actor and one kind.</summary>
    public async Task<ListPage<AuditEntry>> ListAsync(
        string cooperativeId, TimeZoneInfo zone, DateOnly from, DateOnly to, string? actor, string? kind, Paging paging, CancellationToken cancellationToken = default)
    {
        var start = Instant(from, zone);
        var end = Instant(to.AddDays(1), zone);
        // The token is the last id given out: the next page starts after it (a token from before the range changes nothing).
        var lower = RowKey(start.UtcTicks, "");
        if (paging.ContinuationToken is { } token && TokenKey(token) is var after && string.CompareOrdinal(after, lower) > 0)
        {
            lower = after;
            start = new DateTimeOffset(long.Parse(after[..19], CultureInfo.InvariantCulture), TimeSpan.Zero);
        }
        var table = await storage.TableAsync(StorageNames.AuditTable, cancellationToken);
        var upper = RowKey(end.UtcTicks, "");
        var items = new List<AuditEntry>();
        for (var day = DateOnly.FromDateTime(start.UtcDateTime); day <= DateOnly.FromDateTime(end.UtcDateTime) && items.Count < paging.Limit; day = day.AddDays(1))
        {
            var wanted = paging.Limit - items.Count;
            var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard =>
                ReadShardAsync(table, Partition(cooperativeId, day, shard), lower, upper, actor, kind, wanted, cancellationToken)));
            items.AddRange(shards.SelectMany(s => s).OrderBy(e => e.Id, StringComparer.Ordinal).Take(wanted));
        }
        return new ListPage<AuditEntry>(items, items.Count == paging.Limit ? items[^1].Id : null);
    }

    private static async Task<List<AuditEntry>> ReadShardAsync(
        TableClient table, string partition, string lower, string upper, string? actor, string? kind, int wanted, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {lower} and RowKey lt {upper}");
        if (actor is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Actor eq {actor}");
        }
        if (kind is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {kind}");
        }
        var entries = new List<AuditEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: wanted, cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(row.RowKey, row.GetDateTimeOffset("At") ?? default, row.GetString("Actor"), row.GetString("Role"), row.GetString("Kind"),
                row.GetString("Path"), row.GetInt32("Status") ?? 0, row.GetString("RequestId")));
            if (entries.Count == wanted)
            {
                break;
            }
        }
        return entries;
    }

    private static string Partition(string cooperativeId, DateOnly day, int shard) =>
        $"{cooperativeId}|{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}|{shard.ToString(CultureInfo.InvariantCulture)}";

    private static string RowKey(long ticks, string suffix) => ticks.ToString("D19", CultureInfo.InvariantCulture) + "|" + suffix;

    private static DateTimeOffset Instant(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The token is the last entry's id: anything else is not one this list gave out.</summary>
    private static string TokenKey(string token) => TokenPattern().IsMatch(token) ? token : throw Paging.InvalidToken();

    [GeneratedRegex("^[0-9]{19}\\|[a-z0-9]{8}$")]
    private static partial Regex TokenPattern();
}
