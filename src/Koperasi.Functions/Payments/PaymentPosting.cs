using Koperasi.Functions.Ledger;
using Koperasi.Functions.Providers;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Turns a payment's state into ledger postings on the <c>transactions</c> queue, with the provider as source (so they
/// land on its clearing account). Safe to run any number of times: every posting id is derived from provider
/// identities and the ledger posts an id once. A refund's reversal is queued only once its deposit is posted — the
/// queue does not keep order, and a reversal that overtook its deposit would be rejected for good — so a payment whose
/// refunds arrive early stays in the pending index that <see cref="PaymentIntake.SweepPendingPaymentsAsync"/> works
/// off. An application ends with <see cref="PaymentStore.FinishAsync"/>, which leaves the payment pending when it
/// changed meanwhile; an assigned payment leaves the unmatched list only after its deposit is queued.
/// </summary>
public sealed class PaymentPosting(PaymentStore payments, TransactionRecordStore records, TransactionQueue queue, LedgerReader ledger, IPaymentFaults faults)
{
    public const string Recorded = "recorded";
    public const string Unmatched = "unmatched";
    public const string DepositQueued = "deposit_queued";
    public const string RefundsWaiting = "refunds_waiting";
    public const string RefundsQueued = "refunds_queued";

    public async Task<string> ApplyAsync(PaymentState s, CancellationToken cancellationToken = default)
    {
        await faults.AtAsync(PaymentStep.Applying, s.Key, cancellationToken);
        if (!s.IsPaid)
        {
            await payments.FinishAsync(s, [], cancellationToken);
            return Recorded;
        }
        if (!s.IsMatched)
        {
            // Settled money is booked even before anyone knows whose it is: in dana titipan, until it is assigned.
            await SendAsync(s, Suspense(s, TransactionKinds.Deposit, s.SuspenseId, "unmatched "), reverses: null, cancellationToken);
            await payments.AddUnmatchedAsync(s, cancellationToken);
            await payments.FinishAsync(s, [], cancellationToken);
            return Unmatched;
        }
        await faults.AtAsync(PaymentStep.QueueingDeposit, s.Key, cancellationToken);
        if (s.AssignedAt is not null)
        {
            await SendAsync(s, Suspense(s, TransactionKinds.Reversal, PaymentKeys.SuspenseReleaseId(s.Source, s.Key), "assigned "),
                reverses: s.SuspenseId, cancellationToken);
        }
        await SendAsync(s, new TransactionRequest(s.DepositId, s.MemberId!, s.LoanId is null ? TransactionKinds.Deposit : TransactionKinds.LoanRepayment,
            s.Account!, s.Amount!.Value, s.PaidAt!.Value, s.Reference, Description(s, ""), s.LoanId), reverses: null, cancellationToken);
        if (s.AssignedAt is not null)
        {
            await payments.RemoveUnmatchedAsync(s.CooperativeId, s.Key, cancellationToken);
        }

        var waiting = s.Refunds.Where(r => !r.Queued).ToList();
        if (waiting.Count == 0)
        {
            await payments.FinishAsync(s, [], cancellationToken);
            return DepositQueued;
        }
        var deposit = await ledger.FindStatusAsync(s.CooperativeId, s.MemberId!, s.DepositId, cancellationToken);
        if (deposit is null || deposit.Status == TransactionStatus.Queued)
        {
            await payments.KeepPendingAsync(s, cancellationToken);
            return RefundsWaiting;
        }
        // Posted, or rejected (then the reversals are rejected too, visibly, instead of waiting forever).
        foreach (var refund in waiting)
        {
            // A refund does not undo a loan repayment's allocation: it is booked against the member (see SavingsRules.ProviderReversal).
            await SendAsync(s, new TransactionRequest(refund.PostingId, s.MemberId!, TransactionKinds.Reversal,
                s.LoanId is null ? s.Account! : TransactionKinds.SimpananSukarela, refund.Amount, refund.At,
                s.Reference, Description(s, "refund " + refund.RefundId + " of ")), reverses: s.DepositId, cancellationToken);
        }
        await payments.FinishAsync(s, waiting, cancellationToken);
        return RefundsQueued;
    }

    /// <summary>A posting of the whole payment to or from dana titipan, under the ledger's holder for unidentified money.</summary>
    private static TransactionRequest Suspense(PaymentState s, string kind, string id, string what) =>
        new(id, LedgerKeys.Unidentified, kind, TransactionKinds.SimpananSukarela, s.Amount!.Value, s.PaidAt!.Value, s.Reference, Description(s, what));

    private async Task SendAsync(PaymentState s, TransactionRequest request, string? reverses, CancellationToken cancellationToken)
    {
        // The intake record lets GET /api/transactions/{id} find the member's ledger partition, as for API postings.
        await records.AddOrGetAsync(s.CooperativeId, s.Source, request, cancellationToken);
        await queue.EnqueueAsync(TransactionMessage.From(s.CooperativeId, s.Source, request) with { Reverses = reverses }, cancellationToken);
    }

    private static string Description(PaymentState s, string what)
    {
        var text = $"{ProviderNames.Label(s.Source)} {what}{s.ProviderPaymentId}";
        return text.Length <= TransactionValidator.MaxDescription ? text : text[..TransactionValidator.MaxDescription];
    }
}
