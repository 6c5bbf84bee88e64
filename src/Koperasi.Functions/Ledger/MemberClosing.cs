using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Closes a month for one member in the member's own partition, before the member's statement for it is read: the
/// balances row carries the month (<see cref="BalanceRow.ClosedThroughColumn"/>). Every posting writes that row
/// If-Match the ETag it read, so a posting that read it before the close fails, reads again, sees the month closed
/// and books on the first day of the open period. Closing is decided by storage, not by any instance's cached
/// cooperative profile: a statement, once read, never changes.
/// </summary>
public sealed class MemberClosing(StorageAccount storage, ConcurrencyRetry retry)
{
    public async Task CloseThroughAsync(string cooperativeId, string memberId, DateOnly month, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, memberId);
        await retry.ExecuteAsync(async ct =>
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.BalanceRow, cancellationToken: ct);
            if (found.HasValue && found.Value is { } row)
            {
                if (BalanceRow.ClosedThrough(row) is not { } closed || closed < first)
                {
                    row[BalanceRow.ClosedThroughColumn] = LedgerKeys.Date(first);
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
                }
                return true;
            }
            // No posting yet: a balances row with nothing on it, so that a first posting's insert of it fails and reads again.
            var empty = (TableEntity)BalanceRow.Write(partition, null, MemberBalances.Zero, 0, DateOnly.MinValue).Entity;
            empty[BalanceRow.ClosedThroughColumn] = LedgerKeys.Date(first);
            await table.AddEntityAsync(empty, ct);
            return true;
        }, cancellationToken);
    }
}
