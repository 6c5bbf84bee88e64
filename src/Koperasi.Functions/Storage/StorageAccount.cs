using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Koperasi.Functions.Storage;

/// <summary>The app's tables and queues, created once per process on first use.</summary>
public sealed class StorageAccount(StorageClientFactory factory)
{
    private readonly TableServiceClient tableService = factory.CreateTableServiceClient();
    private readonly Lock gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableClient> tables = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, QueueClient> queues = new(StringComparer.Ordinal);
    private Task? ready;

    public TableServiceClient TableService => tableService;

    public async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken = default)
    {
        await ReadyAsync().WaitAsync(cancellationToken);
        return tables.GetOrAdd(name, tableService.GetTableClient);
    }

    public async Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken = default)
    {
        await ReadyAsync().WaitAsync(cancellationToken);
        return queues.GetOrAdd(name, n => factory.CreateQueueClient(n));
    }

    // Retried on the next call if storage was unreachable: a faulted start must not stick for the life of the process.
    private Task ReadyAsync()
    {
        if (ready is { IsCompletedSuccessfully: true } done)
        {
            return done;
        }
        lock (gate)
        {
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                ready = EnsureCreatedAsync(factory);
            }
            return ready;
        }
    }

    private static async Task EnsureCreatedAsync(StorageClientFactory factory)
    {
        var tables = factory.CreateTableServiceClient();
        foreach (var table in StorageNames.Tables)
        {
            await IgnoreConflictAsync(() => tables.CreateTableIfNotExistsAsync(table));
        }
        foreach (var queue in StorageNames.Queues)
        {
            await IgnoreConflictAsync(() => factory.CreateQueueClient(queue).CreateIfNotExistsAsync());
        }
    }

    private static async Task IgnoreConflictAsync(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance created it at the same moment.
        }
    }
}
