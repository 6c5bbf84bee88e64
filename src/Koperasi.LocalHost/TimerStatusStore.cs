using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Koperasi.LocalHost;

/// <summary>
/// The LocalHost's schedule monitor storage. The Functions host keeps each timer's <c>{Last, Next, LastUpdated}</c>
/// (UTC) in the blob <c>azure-webjobs-hosts/timers/{hostId}/{Type.Method}/status</c>; the LocalHost keeps the same
/// three values in a table row per timer (partition = <c>LocalHost:HostId</c>, row = <c>{Type.Method}</c>), so it
/// needs no blob client.
/// </summary>
public sealed class TimerStatusStore(StorageClientFactory clients, IConfiguration configuration)
{
    public const string Table = "localhosttimers";
    public const string DefaultHostId = "localhost";

    private readonly string hostId = configuration["LocalHost:HostId"] is { Length: > 0 } id ? id : DefaultHostId;

    /// <summary>The host's timer name: the method's declaring type and name.</summary>
    public static string TimerName(FunctionEntry function) => $"{function.Method.DeclaringType!.FullName}.{function.Method.Name}";

    public async Task<ScheduleStatus?> FindAsync(string timerName, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(hostId, timerName, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }
        return new ScheduleStatus
        {
            Last = Utc(row.Value.GetDateTimeOffset("Last")),
            Next = Utc(row.Value.GetDateTimeOffset("Next")),
            LastUpdated = Utc(row.Value.GetDateTimeOffset("LastUpdated")),
        };
    }

    public async Task SaveAsync(string timerName, ScheduleStatus status, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(hostId, timerName)
        {
            ["Last"] = Stored(status.Last),
            ["Next"] = Stored(status.Next),
            ["LastUpdated"] = Stored(status.LastUpdated),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        var table = clients.CreateTableServiceClient().GetTableClient(Table);
        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created by another start at the same moment.
        }
        return table;
    }

    // "Never" is DateTime.MinValue, which Table Storage cannot hold: stored as no value.
    private static DateTimeOffset? Stored(DateTime value) => value == default ? null : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTime Utc(DateTimeOffset? value) => value?.UtcDateTime ?? default;
}
