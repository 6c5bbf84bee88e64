using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Loans;

/// <summary>
/// Brings in a running loan from the books kept before (the loans import), in the two steps a loan here takes to become
/// active, without cash: the loan number is claimed and the loan recorded approved with its opening (no money: the loan
/// row and the member's open places, one entity-group transaction), then the opening posts through the ledger as a
/// lifecycle posting (<see cref="TransactionKinds.LoanOpening"/>): in the member's partition, the journal Dr
/// piutang_pinjaman Cr ekuitas_saldo_awal for the principal left, the balances and the loan turned active with its
/// installments paid, all in one transaction. The id <c>saldo-awal-pinjaman:{member}:{loan}</c> makes it once: the same
/// row again finds the loan as the file says and its marker, and changes nothing; a crash between the two steps is
/// finished by importing the file again.
/// </summary>
public sealed class LoanOpenings(LoanStore loans, LedgerPosting posting, ConcurrencyRetry retry, TimeProvider time)
{
    public async Task<LoanOpeningOutcome> OpenAsync(string cooperativeId, string memberId, RunningLoan running, LoanProduct product, DateOnly asOf,
        DateTimeOffset occurredAt, string importedBy, CancellationToken cancellationToken = default)
    {
        var application = new LoanApplication(running.LoanId, memberId, product.Code, running.Principal, running.TermMonths, null);
        var terms = running.TermsFrom(product);
        var opening = new LoanOpening(asOf, running.DisbursedOn, running.InstallmentsPaid);
        var now = time.GetUtcNow();
        if (await loans.ClaimAsync(cooperativeId, application, now, cancellationToken) is { } holder && holder != application)
        {
            return LoanOpeningOutcome.Refused(holder.MemberId == memberId
                ? $"loan number '{running.LoanId}' is already a loan of this member with another principal, term or product; correct the loan here, not with a second import"
                : $"loan number '{running.LoanId}' is already used by a loan of member '{holder.MemberId}'");
        }
        var recorded = new Loan(application, terms, 0, LoanStatus.Approved,
            terms.Schedule(running.Principal, running.TermMonths, DueDates.AfterDisbursement(running.DisbursedOn)), now, importedBy, now)
        {
            ApprovedAt = now,
            ApprovedBy = importedBy,
            Opening = opening,
        };
        var loan = await retry.ExecuteAsync(async ct =>
        {
            var rows = await loans.ReadAsync(cooperativeId, memberId, running.LoanId, product.Code, ct);
            if (rows.Loan is { } existing)
            {
                return existing;
            }
            await loans.WriteAsync(cooperativeId, rows, recorded, [.. rows.OpenLoanIds, recorded.Id], ct);
            return recorded;
        }, cancellationToken);
        if (loan.Opening != opening || loan.Terms != terms || loan.Application != application)
        {
            return LoanOpeningOutcome.Refused(loan.Opening is { } other
                ? $"loan '{loan.Id}' was brought in before with other terms (as of {LedgerKeys.Date(other.AsOf)}, disbursed {LedgerKeys.Date(other.DisbursedOn)}, {other.InstallmentsPaid} installment(s) paid); correct it here, not with a second import"
                : $"loan '{loan.Id}' is a loan made here, not one to bring in");
        }
        await loans.SyncIndexAsync(cooperativeId, loan, cancellationToken);
        var message = new TransactionMessage(cooperativeId, TransactionMessage.ImportSource, LoanPostingIds.Opening(memberId, loan.Id), memberId,
            TransactionKinds.LoanOpening, ChartOfAccounts.PiutangPinjaman, running.Outstanding, occurredAt, importedBy,
            $"Saldo awal pinjaman {loan.Id} per {LedgerKeys.Date(asOf)}", LoanId: loan.Id);
        var decision = await posting.PostLifecycleAsync(message, cancellationToken);
        return decision.Refusal is { } refusal ? LoanOpeningOutcome.Refused($"the ledger refused it: {refusal.Message}")
            : new LoanOpeningOutcome(decision.Result == PostingResult.Posted, null);
    }
}
