namespace Koperasi.Functions.Transactions;

/// <summary>Answers the status of a transaction id within one cooperative.</summary>
public sealed class TransactionStatusReader(TransactionRecordStore records)
{
    public async Task<TransactionStatus?> FindAsync(string cooperativeId, string id, CancellationToken cancellationToken = default)
    {
        var record = await records.FindAsync(cooperativeId, id, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var r = record.Request;
        return new TransactionStatus(r.Id, TransactionStatus.Queued, r.MemberId, r.Kind, r.Account, r.Amount, r.OccurredAt);
    }
}
