using System.Text.Json;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Loans;

/// <summary>
/// A loan's money steps an admin takes: disbursement and write-off post through the ledger at once (the one door to
/// money: the journal, the member's balances and the loan change in one entity-group transaction) and answer with the
/// loan; a denda waiver changes the loan alone (no money moves: denda is income when paid); the payoff quote reads.
/// Repayments come through the transaction intake and its queue, like savings.
/// </summary>
public sealed class LoanServicing(LoanStore loans, LedgerPosting posting, CooperativeStore cooperatives, ConcurrencyRetry retry, TimeProvider time)
{
    /// <summary>Attempts at a write-off when repayments keep changing the principal left between the read and the posting.</summary>
    private const int WriteOffAttempts = 3;

    public async Task<LoanOutcome> DisburseAsync(Caller caller, string loanId, DateTimeOffset occurredAt, CancellationToken cancellationToken = default)
    {
        var coop = caller.CooperativeId;
        if (await loans.FindAsync(coop, loanId, cancellationToken) is not { } loan)
        {
            return LoanOutcome.Refused(LoanLifecycle.NotFound(loanId));
        }
        if (loan.DisbursedAt is { } at)
        {
            // Disbursed before: the same request again is answered with the loan as it stands (the index re-synced).
            return at.UtcTicks == occurredAt.UtcTicks
                ? await AnswerAsync(coop, loan, cancellationToken)
                : LoanOutcome.Refused(ApiProblem.Conflict("loan_status_conflict",
                    $"Loan '{loanId}' was disbursed on {LedgerKeys.Date(loan.DisbursedOn!.Value)} ({at:O}); a loan is disbursed once."));
        }
        var message = new TransactionMessage(coop, TransactionMessage.ApiSource, LoanPostingIds.Disbursement(loanId), loan.MemberId,
            TransactionKinds.LoanDisbursement, ChartOfAccounts.PiutangPinjaman, loan.Application.Principal, occurredAt, caller.KeyId, null, LoanId: loanId);
        return await PostAsync(coop, loanId, message, cancellationToken);
    }

    public async Task<LoanOutcome> WriteOffAsync(Caller caller, string loanId, LoanWriteOffRequest request, CancellationToken cancellationToken = default)
    {
        var coop = caller.CooperativeId;
        for (var attempt = 1; ; attempt++)
        {
            if (await loans.FindAsync(coop, loanId, cancellationToken) is not { } loan)
            {
                return LoanOutcome.Refused(LoanLifecycle.NotFound(loanId));
            }
            if (loan.Status == LoanStatus.WrittenOff)
            {
                return await AnswerAsync(coop, loan, cancellationToken);
            }
            var occurredAt = request.OccurredAt ?? time.GetUtcNow();
            var message = new TransactionMessage(coop, TransactionMessage.ApiSource, LoanPostingIds.WriteOff(loanId), loan.MemberId,
                TransactionKinds.LoanWriteOff, ChartOfAccounts.PiutangPinjaman, loan.OutstandingPrincipal, occurredAt, caller.KeyId, request.Reason, LoanId: loanId);
            var outcome = await PostAsync(coop, loanId, message, cancellationToken);
            if (outcome.Problem?.Code != "outstanding_changed" || attempt == WriteOffAttempts)
            {
                return outcome;
            }
        }
    }

    /// <summary>
    /// Waives denda due today, oldest installment first, at most what is due. With an <c>id</c>, asking again is a
    /// no-op (the waiver is found on the loan); without one, every call waives again.
    /// </summary>
    public async Task<LoanOutcome> WaivePenaltyAsync(Caller caller, string loanId, PenaltyWaiverRequest request, CancellationToken cancellationToken = default)
    {
        var coop = caller.CooperativeId;
        if (await loans.FindAsync(coop, loanId, cancellationToken) is not { } found)
        {
            return LoanOutcome.Refused(LoanLifecycle.NotFound(loanId));
        }
        var today = await cooperatives.TodayAsync(coop, cancellationToken);
        var waiverId = request.Id ?? Guid.NewGuid().ToString("N");
        var (loan, problem) = await retry.ExecuteAsync(async ct =>
        {
            var rows = await loans.ReadAsync(coop, found.MemberId, loanId, found.Application.ProductCode, ct);
            var current = rows.Loan!;
            if (current.Schedule.Any(i => i.Waivers.Any(w => w.Id == waiverId)))
            {
                return (current, (ApiProblem?)null);
            }
            if (current.Status != LoanStatus.Active)
            {
                return (current, ApiProblem.Conflict("loan_not_active", $"Loan '{loanId}' is {LoanKeys.StatusName(current.Status)}; only an active loan's denda can be waived."));
            }
            var due = current.Schedule.Select(i => (Installment: i, Due: LoanPenalty.Due(i, current.Terms.Penalty, today))).ToList();
            if (request.Amount > due.Sum(d => d.Due))
            {
                return (current, ApiProblem.Unprocessable("waiver_exceeds_penalty",
                    $"Loan '{loanId}' has {Rupiah.Format(due.Sum(d => d.Due))} of denda due today ({LedgerKeys.Date(today)}); {Rupiah.Format(request.Amount)} cannot be waived.",
                    new Dictionary<string, string[]> { ["amount"] = [$"must be at most {due.Sum(d => d.Due)}"] }));
            }
            var left = request.Amount;
            var schedule = due.Select(d =>
            {
                var take = Math.Min(left, d.Due);
                left -= take;
                return take == 0 ? d.Installment
                    : d.Installment with { Waivers = [.. d.Installment.Waivers, new PenaltyWaiver(waiverId, today, take, request.Reason, caller.KeyId)] };
            }).ToList();
            var next = current with { Schedule = schedule, UpdatedAt = time.GetUtcNow() };
            await loans.WriteAsync(coop, rows, next, rows.StoredOpenIds, ct);
            return (next, null);
        }, cancellationToken);
        return problem is null ? LoanOutcome.Of(LoanDetails.Of(loan, today)) : LoanOutcome.Refused(problem);
    }

    /// <summary>The amount that closes an active loan as of a date (today by default); null when there is no such loan.</summary>
    public async Task<(PayoffQuote? Quote, ApiProblem? Problem)> PayoffAsync(string cooperativeId, string loanId, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        if (await loans.FindAsync(cooperativeId, loanId, cancellationToken) is not { } loan)
        {
            return (null, LoanLifecycle.NotFound(loanId));
        }
        if (loan is not { Status: LoanStatus.Active, DisbursedOn: { } disbursedOn })
        {
            return (null, ApiProblem.Conflict("loan_not_active", $"Loan '{loanId}' is {LoanKeys.StatusName(loan.Status)}; only an active loan has a payoff amount."));
        }
        var date = asOf ?? await cooperatives.TodayAsync(cooperativeId, cancellationToken);
        return (LoanPayoff.Quote(loan.Schedule, disbursedOn, loan.Terms.Penalty, date), null);
    }

    /// <summary>Active loans by days past due as of a date (today by default).</summary>
    public async Task<ArrearsReport> ArrearsAsync(string cooperativeId, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        ArrearsReport.Of(await loans.AllWithStatusAsync(cooperativeId, LoanStatus.Active, cancellationToken), asOf ?? await cooperatives.TodayAsync(cooperativeId, cancellationToken));

    /// <summary>The <c>occurredAt</c> of a disbursement: required, at most a day ahead (as for transactions).</summary>
    public static DateTimeOffset ReadOccurredAt(JsonElement body, DateTimeOffset now)
    {
        var fields = new JsonFields(body, "occurredAt");
        var occurredAt = fields.Instant("occurredAt", required: true);
        if (occurredAt is { } at && at > now + TransactionValidator.MaxAhead)
        {
            fields.Add("occurredAt", "is more than a day in the future; check the date and year");
        }
        fields.ThrowIfInvalid();
        return occurredAt!.Value;
    }

    private async Task<LoanOutcome> PostAsync(string coop, string loanId, TransactionMessage message, CancellationToken cancellationToken)
    {
        var decision = await posting.PostLifecycleAsync(message, cancellationToken);
        if (decision.Refusal is { } refusal)
        {
            return LoanOutcome.Refused(refusal.Code is "loan_status_conflict" or "outstanding_changed"
                ? ApiProblem.Conflict(refusal.Code, refusal.Message)
                : ApiProblem.Unprocessable(refusal.Code, refusal.Message));
        }
        // Posted now, or by a concurrent call of the same step: either way the loan as stored is the answer.
        var loan = decision.Loan ?? await loans.FindAsync(coop, loanId, cancellationToken);
        return await AnswerAsync(coop, loan!, cancellationToken);
    }

    private async Task<LoanOutcome> AnswerAsync(string coop, Loan loan, CancellationToken cancellationToken)
    {
        await loans.SyncIndexAsync(coop, loan, cancellationToken);
        return LoanOutcome.Of(LoanDetails.Of(loan, await cooperatives.TodayAsync(coop, cancellationToken)));
    }

}
