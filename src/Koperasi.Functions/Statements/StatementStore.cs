using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Statements;

/// <summary>
/// The <c>statements</c> table: one partition per cooperative and period (<c>{cooperativeId}|{yyyy-MM}</c>) holding
/// the run row and one record per member (<c>m|{memberId}</c>). Every state change is a Replace with If-Match, so two
/// deliveries of one message cannot both move a record forward. Progress is counted from the records themselves.
/// </summary>
public sealed class StatementStore(StorageAccount storage)
{
    private const string RunRow = "run";
    private const string MemberPrefix = "m|";

    public static string Partition(string cooperativeId, StatementPeriod period) => $"{cooperativeId}|{period.Key}";

    /// <summary>An opaque, stable id for one statement: what a provider may see instead of member numbers.</summary>
    public static string StatementIdOf(string cooperativeId, string memberId, StatementPeriod period) =>
        "st_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cooperativeId}|{memberId}|{period.Key}")))[..24];

    public async Task RecordRunStartAsync(string cooperativeId, StatementPeriod period, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition(cooperativeId, period), RunRow) { ["StartedAt"] = now, ["FannedOut"] = false }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Started before: the first start time stays.
        }
    }

    public async Task MarkFannedOutAsync(string cooperativeId, StatementPeriod period, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        await table.UpdateEntityAsync(new TableEntity(Partition(cooperativeId, period), RunRow) { ["FannedOut"] = true, ["FannedOutAt"] = now },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<(DateTimeOffset StartedAt, bool FannedOut)?> FindRunAsync(string cooperativeId, StatementPeriod period, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cooperativeId, period), RunRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null
            ? (row.Value.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue, row.Value.GetBoolean("FannedOut") ?? false)
            : null;
    }

    public async Task<(StatementRecord Record, ETag ETag)?> FindAsync(string cooperativeId, StatementPeriod period, string memberId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cooperativeId, period), MemberPrefix + memberId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? (ToRecord(row.Value, period), row.Value.ETag) : null;
    }

    /// <summary>Inserts a pending record if there is none; answers the record as it now stands.</summary>
    public async Task<(StatementRecord Record, ETag ETag)> EnsureAsync(string cooperativeId, StatementPeriod period, string memberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        var record = new StatementRecord(memberId, period.Key, StatementStatus.Pending, StatementIdOf(cooperativeId, memberId, period), 0, now);
        try
        {
            var added = await table.AddEntityAsync(ToEntity(cooperativeId, period, record), cancellationToken);
            return (record, added.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await FindAsync(cooperativeId, period, memberId, cancellationToken))!.Value;
        }
    }

    /// <summary>Replaces the record if it is still the version read (If-Match); null when another writer got there first.</summary>
    public async Task<ETag?> TryReplaceAsync(string cooperativeId, StatementPeriod period, StatementRecord record, ETag etag, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(cooperativeId, period, record), etag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<StatementProgress?> ProgressAsync(string cooperativeId, StatementPeriod period, CancellationToken cancellationToken = default)
    {
        if (await FindRunAsync(cooperativeId, period, cancellationToken) is not { } run)
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.StatementsTable, cancellationToken);
        var partition = Partition(cooperativeId, period);
        var counts = Enum.GetValues<StatementStatus>().ToDictionary(s => s, _ => 0);
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(MemberPrefix) >= 0 && e.RowKey.CompareTo("m}") < 0,
            select: ["Status"], cancellationToken: cancellationToken))
        {
            counts[Enum.Parse<StatementStatus>(row.GetString("Status"))]++;
        }
        return new StatementProgress(period.Key, period.Name, run.StartedAt, run.FannedOut, counts.Values.Sum(),
            counts[StatementStatus.Pending], counts[StatementStatus.Sending], counts[StatementStatus.Sent], counts[StatementStatus.Skipped],
            counts[StatementStatus.Failed], counts[StatementStatus.Unknown]);
    }

    private static TableEntity ToEntity(string cooperativeId, StatementPeriod period, StatementRecord r) => new(Partition(cooperativeId, period), MemberPrefix + r.MemberId)
    {
        ["Status"] = r.Status.ToString(),
        ["StatementId"] = r.StatementId,
        ["Attempts"] = r.Attempts,
        ["UpdatedAt"] = r.UpdatedAt,
        ["ProviderMessageId"] = r.ProviderMessageId,
        ["Reason"] = r.Reason,
        ["Error"] = r.Error,
        ["SentAt"] = r.SentAt,
    };

    private static StatementRecord ToRecord(TableEntity e, StatementPeriod period) => new(
        e.RowKey[MemberPrefix.Length..], period.Key, Enum.Parse<StatementStatus>(e.GetString("Status")), e.GetString("StatementId"),
        e.GetInt32("Attempts") ?? 0, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("ProviderMessageId"), e.GetString("Reason"), e.GetString("Error"), e.GetDateTimeOffset("SentAt"));
}
