using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Transactions;

/// <summary>
/// Answers the status of a transaction id within one cooperative: the intake record says which member's ledger
/// partition to look in; the ledger's marker there says posted (with balances after) or rejected (with the reason).
/// </summary>
public sealed class TransactionStatusReader(TransactionRecordStore records, LedgerReader ledger)
{
    public async Task<TransactionStatus?> FindAsync(string cooperativeId, string id, CancellationToken cancellationToken = default)
    {
        var record = await records.FindAsync(cooperativeId, id, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var r = record.Request;
        return await ledger.FindStatusAsync(cooperativeId, r.MemberId, r.Id, cancellationToken)
            ?? new TransactionStatus(r.Id, TransactionStatus.Queued, r.MemberId, r.Kind, r.Account, r.Amount, r.OccurredAt);
    }
}
