using Koperasi.Functions.Failures;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Transactions;

/// <summary>
/// Answers the status of a transaction id within one cooperative: the intake record says which member's ledger
/// partition to look in; the ledger's marker there says posted (with balances after, once the trial balance has it
/// too) or rejected (with the reason);
/// with no marker, a failure noted on the record says failed (until the treasurer replays it), else it is queued.
/// </summary>
public sealed class TransactionStatusReader(TransactionRecordStore records, LedgerReader ledger, FailureStore failures)
{
    public async Task<TransactionStatus?> FindAsync(string cooperativeId, string id, CancellationToken cancellationToken = default)
    {
        var record = await records.FindAsync(cooperativeId, id, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var r = record.Request;
        if (await ledger.FindReportedStatusAsync(cooperativeId, r.MemberId, r.Id, cancellationToken) is { } decided)
        {
            return decided;
        }
        var queued = new TransactionStatus(r.Id, TransactionStatus.Queued, r.MemberId, r.Kind, r.Account, r.Amount, r.OccurredAt);
        return record.FailureId is { } failureId && await failures.FindAsync(cooperativeId, failureId, cancellationToken) is { Status: not FailureRecord.Replayed }
            ? queued with { Status = TransactionStatus.Failed, FailureId = failureId }
            : queued;
    }
}
