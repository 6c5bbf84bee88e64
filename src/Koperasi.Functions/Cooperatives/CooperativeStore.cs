using System.Collections.Concurrent;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Cooperatives;

/// <summary>Cooperatives in the <c>cooperatives</c> table (partition = cooperative id). Profiles change rarely, so reads are cached briefly.</summary>
public sealed class CooperativeStore(StorageAccount storage, TimeProvider time, ConcurrencyRetry retry)
{
    private const string ProfileRow = "profile";
    /// <summary>How stale a cached profile (and so a month's closing) may be on another instance.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
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

    /// <summary>Today's date in the cooperative's time zone; the cooperative of an authenticated caller always exists.</summary>
    public async Task<DateOnly> TodayAsync(string id, CancellationToken cancellationToken = default) =>
        Ledger.BusinessCalendar.Today(time, await FindAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{id}' of an authenticated caller does not exist."));

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
        var cooperative = ToCooperative(entity.Value);
        cache[id] = (cooperative, now + CacheFor);
        return cooperative;
    }

    public async IAsyncEnumerable<Cooperative> ListAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.CooperativesTable, cancellationToken);
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.RowKey == ProfileRow, cancellationToken: cancellationToken))
        {
            yield return ToCooperative(e);
        }
    }

    /// <summary>Closes every month up to and including <paramref name="month"/> for postings; never moves backwards.</summary>
    public async Task CloseThroughAsync(string id, DateOnly month, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var table = await storage.TableAsync(StorageNames.CooperativesTable, cancellationToken);
        // Another instance may change the profile between our read and write (412): read and decide again.
        await retry.ExecuteAsync(async ct =>
        {
            var current = (await table.GetEntityAsync<TableEntity>(id, ProfileRow, cancellationToken: ct)).Value;
            if (ToCooperative(current).ClosedThrough is { } closed && closed >= first)
            {
                return false;
            }
            current["ClosedThrough"] = first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Merge, ct);
            cache.TryRemove(id, out _);
            return true;
        }, cancellationToken);
    }

    /// <summary>Sets what a member's exit does about unsettled loans; this instance sees it at once, others within <see cref="CacheFor"/>.</summary>
    public async Task SetExitPolicyAsync(string id, Members.ExitLoanPolicy policy, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.CooperativesTable, cancellationToken);
        await table.UpdateEntityAsync(new TableEntity(id, ProfileRow) { [ExitPolicyColumn] = policy.ToString() }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        cache.TryRemove(id, out _);
    }

    private const string ExitPolicyColumn = "ExitLoanPolicy";

    private static Cooperative ToCooperative(TableEntity e) => new(e.PartitionKey, e.GetString("Name"), e.GetString("TimeZone"),
        e.GetInt64("SimpananPokokAmount") ?? 0, e.GetInt64("SimpananWajibAmount") ?? 0, e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue)
    {
        ClosedThrough = e.GetString("ClosedThrough") is { } closed ? DateOnly.ParseExact(closed, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        ExitPolicy = Enum.TryParse<Members.ExitLoanPolicy>(e.GetString(ExitPolicyColumn), out var policy) ? policy : Members.ExitLoanPolicy.Refuse,
    };
}
