using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Health;

/// <summary>Whether the storage account answers within a few seconds.</summary>
public sealed class StorageHealth(StorageAccount storage)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await storage.TableAsync(StorageNames.TransactionsTable, timeout.Token);
            await foreach (var _ in storage.TableService.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
