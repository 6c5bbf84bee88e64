using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Imports in the <c>imports</c> table, one partition per import (<c>{cooperativeId}|{importId}</c>): the header row,
/// one row per queue message (<c>chunk|NNNNN</c>, written once when it is done, If-Match, so a redelivery changes
/// nothing), and the rows refused when the file was checked (<c>errors|NNNNN</c>). Progress is summed from the
/// chunk rows on read: no row every chunk writes.
/// </summary>
public sealed class ImportStore(StorageAccount storage, TimeProvider time)
{
    private const string Header = "import";
    private const string ChunkPrefix = "chunk|";
    private const string ErrorsPrefix = "errors|";
    private const int ErrorsPerRow = 200;
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";

    public async Task CreateAsync(string cooperativeId, string importId, string kind, DateOnly? asOf, ImportCheck check, int skipped,
        IReadOnlyList<int> chunkSizes, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ImportsTable, cancellationToken);
        var partition = Partition(cooperativeId, importId);
        var rows = new List<TableEntity>
        {
            new(partition, Header)
            {
                ["Kind"] = kind, ["AsOf"] = asOf is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
                ["CreatedAt"] = time.GetUtcNow(), ["Rows"] = check.Rows, ["Queued"] = check.Accepted.Count, ["Unchanged"] = check.Unchanged,
                ["Skipped"] = skipped, ["Chunks"] = chunkSizes.Count,
            },
        };
        rows.AddRange(chunkSizes.Select((size, i) => new TableEntity(partition, ChunkKey(i)) { ["Status"] = Pending, ["Rows"] = size }));
        rows.AddRange(check.Errors.Chunk(ErrorsPerRow).Select((errors, i) =>
            new TableEntity(partition, ErrorsPrefix + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["Errors"] = JsonSerializer.Serialize(errors, ApiJson.Options) }));
        // The header goes last: an import is listed only once all its rows are there.
        foreach (var batch in rows.Skip(1).Append(rows[0]).Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
        }
    }

    /// <summary>The chunk's row when it is still pending (with its ETag), else null: done or failed already.</summary>
    public async Task<TableEntity?> PendingChunkAsync(string cooperativeId, string importId, int chunk, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.ImportsTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cooperativeId, importId), ChunkKey(chunk), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } found && found.GetString("Status") == Pending ? found : null;
    }

    public Task CompleteChunkAsync(TableEntity pending, ImportChunkResult result, CancellationToken cancellationToken = default) =>
        FinishAsync(pending, new TableEntity(pending.PartitionKey, pending.RowKey)
        {
            ["Status"] = Done, ["Imported"] = result.Imported, ["Unchanged"] = result.Unchanged, ["Refused"] = result.Refused.Count,
            ["Errors"] = JsonSerializer.Serialize(result.Refused, ApiJson.Options), ["CompletedAt"] = time.GetUtcNow(),
        }, cancellationToken);

    public Task FailChunkAsync(TableEntity pending, string error, CancellationToken cancellationToken = default) =>
        FinishAsync(pending, new TableEntity(pending.PartitionKey, pending.RowKey)
        {
            ["Status"] = Failed, ["Error"] = error.Length > 1000 ? error[..1000] : error, ["CompletedAt"] = time.GetUtcNow(),
        }, cancellationToken);

    public async Task<ImportStatus?> FindAsync(string cooperativeId, string importId, CancellationToken cancellationToken = default)
    {
        if (!ImportIds.IsValid(importId))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.ImportsTable, cancellationToken);
        var partition = Partition(cooperativeId, importId);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var header = rows.FirstOrDefault(r => r.RowKey == Header);
        return header is null ? null : ToStatus(importId, header, rows);
    }

    private static ImportStatus ToStatus(string importId, TableEntity header, List<TableEntity> rows)
    {
        var chunks = rows.Where(r => r.RowKey.StartsWith(ChunkPrefix, StringComparison.Ordinal)).ToList();
        var done = chunks.Where(c => c.GetString("Status") == Done).ToList();
        var failed = chunks.Count(c => c.GetString("Status") == Failed);
        var status = chunks.Count == done.Count + failed ? (failed > 0 ? Failed : "completed") : done.Count + failed > 0 ? "running" : "queued";
        var errors = rows.Where(r => r.RowKey.StartsWith(ErrorsPrefix, StringComparison.Ordinal)).Concat(done)
            .SelectMany(r => JsonSerializer.Deserialize<List<ImportRowError>>(r.GetString("Errors") ?? "[]", ApiJson.Options) ?? [])
            .Concat(chunks.Where(c => c.GetString("Status") == Failed).Select(c => new ImportRowError(0, null,
                $"part {c.RowKey[ChunkPrefix.Length..]} ({c.GetInt32("Rows")} rows) failed: {c.GetString("Error")}; import the same file again to finish it")))
            .OrderBy(e => e.Row).ToList();
        return new ImportStatus(importId, header.GetString("Kind"), status, header.GetString("AsOf"), header.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            status is "completed" or Failed ? chunks.Select(c => c.GetDateTimeOffset("CompletedAt")).DefaultIfEmpty(header.GetDateTimeOffset("CreatedAt")).Max() : null,
            header.GetInt32("Rows") ?? 0, header.GetInt32("Queued") ?? 0, done.Sum(c => c.GetInt32("Imported") ?? 0),
            (header.GetInt32("Unchanged") ?? 0) + done.Sum(c => c.GetInt32("Unchanged") ?? 0), done.Sum(c => c.GetInt32("Refused") ?? 0),
            header.GetInt32("Skipped") ?? 0, new ImportProgress(chunks.Count, done.Count, failed), errors);
    }

    /// <summary>Written once, If-Match the pending row: a second delivery that finished too loses the race and changes nothing.</summary>
    private async Task FinishAsync(TableEntity pending, TableEntity finished, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ImportsTable, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(finished, pending.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another delivery of the same message finished it first.
        }
    }

    private static string Partition(string cooperativeId, string importId) => $"{cooperativeId}|{importId}";

    private static string ChunkKey(int chunk) => ChunkPrefix + chunk.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
}
