using Azure.Data.Tables;
using Koperasi.Functions.Audit;
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
    /// <summary>
    /// Closes the month for the member and answers the member's chain head at the month's end: the head when the month
    /// was first closed for the member, recorded in the same transaction as the close (<see cref="MonthHeads"/>). Null
    /// when the month was closed before heads were recorded, or only a later month was.
    /// </summary>
    public async Task<MonthHead?> CloseThroughAsync(string cooperativeId, string memberId, DateOnly month, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, memberId);
        return await retry.ExecuteAsync<MonthHead?>(async ct =>
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.BalanceRow, cancellationToken: ct);
            if (found.HasValue && found.Value is { } row)
            {
                if (BalanceRow.ClosedThrough(row) is not { } closed || closed < first)
                {
                    row[BalanceRow.ClosedThroughColumn] = LedgerKeys.Date(first);
                    var head = MonthHeads.Current(row);
                    await table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag),
                        new TableTransactionAction(TableTransactionActionType.UpsertReplace, MonthHeads.Row(partition, first, head)),
                    ], ct);
                    return head;
                }
                var recorded = await table.GetEntityIfExistsAsync<TableEntity>(partition, MonthHeads.RowKey(first), cancellationToken: ct);
                return recorded.HasValue && recorded.Value is { } headRow ? MonthHeads.Read(headRow) : null;
            }
            // No posting yet: a balances row with nothing on it, so that a first posting's insert of it fails and reads again.
            var empty = (TableEntity)BalanceRow.Write(partition, null, MemberBalances.Zero, 0, DateOnly.MinValue).Entity;
            empty[BalanceRow.ClosedThroughColumn] = LedgerKeys.Date(first);
            var genesis = MonthHeads.Current(null);
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, empty),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, MonthHeads.Row(partition, first, genesis)),
            ], ct);
            return genesis;
        }, cancellationToken);
    }
}
