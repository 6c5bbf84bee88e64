using System.Text.Json;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Loans;

/// <summary>
/// A loan from application to decision, without money: submit (idempotent by id), approve and reject (forward only,
/// each a read-decide-write with ETags under <see cref="ConcurrencyRetry"/>), and reads as of a date. Disbursement,
/// repayments, denda waivers and write-off post through the ledger and are not built here yet (docs/loans.md).
/// </summary>
public sealed class LoanLifecycle(
    LoanStore loans, LoanProductStore products, MemberStore members, CooperativeStore cooperatives, ConcurrencyRetry retry, TimeProvider time)
{
    public const int MaxReason = 500;

    public async Task<LoanOutcome> SubmitAsync(Caller caller, LoanApplication application, CancellationToken cancellationToken = default)
    {
        var coop = caller.CooperativeId;
        var today = await cooperatives.TodayAsync(coop, cancellationToken);
        var claim = await loans.FindClaimAsync(coop, application.Id, cancellationToken);
        if (claim is not null && claim != application)
        {
            return LoanOutcome.Refused(IdTaken(application.Id));
        }
        if (claim is not null && (await loans.ReadAsync(coop, application.MemberId, application.Id, application.ProductCode, cancellationToken)).Loan is { } sent)
        {
            await loans.SyncIndexAsync(coop, sent, cancellationToken);
            return LoanOutcome.Of(LoanDetails.Of(sent, today));
        }

        var product = await products.FindAsync(coop, application.ProductCode, cancellationToken);
        if (product is null)
        {
            return LoanOutcome.Refused(ApiProblem.Unprocessable("unknown_loan_product", $"No loan product '{application.ProductCode}' in this cooperative.",
                Errors("productCode", "is not a loan product of this cooperative")));
        }
        if (!await members.ExistsAsync(coop, application.MemberId, cancellationToken))
        {
            return LoanOutcome.Refused(ApiProblem.Unprocessable("unknown_member", $"No member '{application.MemberId}' in this cooperative.",
                Errors("memberId", "is not a member of this cooperative")));
        }
        if (OutsideLimits(product, application) is { } limits)
        {
            return LoanOutcome.Refused(ApiProblem.Unprocessable("outside_product_limits",
                $"The application is outside the limits of product '{product.Code}'.", limits));
        }
        if (application.FirstDueDate is { } first && (first <= today || first > today.AddMonths(2)))
        {
            return LoanOutcome.Refused(ApiProblem.Unprocessable("invalid_first_due_date",
                "The first due date must be after today and at most two months away (in the cooperative's time zone).",
                Errors("firstDueDate", $"must be after {today:yyyy-MM-dd} and no later than {today.AddMonths(2):yyyy-MM-dd}")));
        }

        var now = time.GetUtcNow();
        if (claim is null && await loans.ClaimAsync(coop, application, now, cancellationToken) is { } other && other != application)
        {
            return LoanOutcome.Refused(IdTaken(application.Id));
        }
        var terms = product.Terms();
        var dueDates = application.FirstDueDate is { } chosen ? DueDates.StartingOn(chosen) : DueDates.AfterDisbursement(today);
        var loan = new Loan(application, terms, BasisPoints.Of(application.Principal, terms.AdminFeeBps), LoanStatus.Submitted,
            terms.Schedule(application.Principal, application.TermMonths, dueDates), now, caller.KeyId, now);

        var stored = await retry.ExecuteAsync(async ct =>
        {
            var rows = await loans.ReadAsync(coop, application.MemberId, application.Id, application.ProductCode, ct);
            if (rows.Loan is { } concurrent)
            {
                return concurrent;
            }
            if (rows.OpenLoanIds.Count >= product.MaxActiveLoansPerMember)
            {
                return null;
            }
            await loans.WriteAsync(coop, rows, loan, [.. rows.OpenLoanIds, loan.Id], ct);
            return loan;
        }, cancellationToken);
        if (stored is null)
        {
            return LoanOutcome.Refused(ApiProblem.Conflict("loan_limit_reached",
                $"Member '{application.MemberId}' already has {product.MaxActiveLoansPerMember} open loan(s) of product '{product.Code}' (submitted, approved or active); " +
                "a new one can be submitted when one is rejected, closed or written off."));
        }
        await loans.SyncIndexAsync(coop, stored, cancellationToken);
        return LoanOutcome.Of(LoanDetails.Of(stored, today));
    }

    public Task<LoanOutcome> ApproveAsync(Caller caller, string loanId, CancellationToken cancellationToken = default) =>
        DecideAsync(caller, loanId, (loan, now) => loan.Status switch
        {
            LoanStatus.Submitted => (loan with { Status = LoanStatus.Approved, ApprovedAt = now, ApprovedBy = caller.KeyId, UpdatedAt = now }, null),
            LoanStatus.Approved => (loan, null),
            _ => (loan, StatusConflict(loan, "approved")),
        }, cancellationToken);

    public Task<LoanOutcome> RejectAsync(Caller caller, string loanId, string reason, CancellationToken cancellationToken = default) =>
        DecideAsync(caller, loanId, (loan, now) => loan.Status switch
        {
            LoanStatus.Submitted or LoanStatus.Approved =>
                (loan with { Status = LoanStatus.Rejected, RejectedAt = now, RejectedBy = caller.KeyId, RejectionReason = reason, UpdatedAt = now }, null),
            LoanStatus.Rejected when loan.RejectionReason == reason => (loan, null),
            LoanStatus.Rejected => (loan, ApiProblem.Conflict("loan_status_conflict", $"Loan '{loan.Id}' was already rejected with another reason.")),
            _ => (loan, StatusConflict(loan, "rejected")),
        }, cancellationToken);

    public async Task<LoanDetails?> FindAsync(string cooperativeId, string loanId, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        await loans.FindAsync(cooperativeId, loanId, cancellationToken) is { } loan
            ? LoanDetails.Of(loan, asOf ?? await cooperatives.TodayAsync(cooperativeId, cancellationToken))
            : null;

    public async Task<ListPage<LoanSummary>?> ListForMemberAsync(string cooperativeId, string memberId, Paging paging, CancellationToken cancellationToken = default) =>
        await members.ExistsAsync(cooperativeId, memberId, cancellationToken)
            ? await loans.ListForMemberAsync(cooperativeId, memberId, paging, cancellationToken)
            : null;

    public Task<ListPage<LoanSummary>> ListAsync(string cooperativeId, LoanStatus? status, Paging paging, CancellationToken cancellationToken = default) =>
        loans.ListAsync(cooperativeId, status, paging, cancellationToken);

    /// <summary>The <c>reason</c> of a rejection: 1-500 characters, not blank.</summary>
    public static string ReadReason(JsonElement body)
    {
        var fields = new JsonFields(body, "reason");
        var reason = ReadReason(fields);
        fields.ThrowIfInvalid();
        return reason!;
    }

    /// <summary>A required <c>reason</c> field (rejection, write-off, waiver): 1-500 characters, not blank, trimmed; null when invalid (the error is on <paramref name="fields"/>).</summary>
    public static string? ReadReason(JsonFields fields)
    {
        var reason = fields.String("reason", required: true, maxLength: MaxReason);
        if (reason is not null && reason.Trim().Length == 0)
        {
            fields.Add("reason", "must not be blank");
            return null;
        }
        return reason?.Trim();
    }

    public static ApiProblem NotFound(string loanId) => ApiProblem.NotFound("loan_not_found", $"No loan '{loanId}' in this cooperative.");

    /// <summary>
    /// One forward-only step: read the loan and the member's open loans, decide, write both in one entity-group
    /// transaction (a rejection frees the member's place), retried on a concurrent change; then the index follows.
    /// </summary>
    private async Task<LoanOutcome> DecideAsync(Caller caller, string loanId, Func<Loan, DateTimeOffset, (Loan Loan, ApiProblem? Problem)> decide, CancellationToken cancellationToken)
    {
        var coop = caller.CooperativeId;
        if (await loans.FindAsync(coop, loanId, cancellationToken) is not { } found)
        {
            return LoanOutcome.Refused(NotFound(loanId));
        }
        var (loan, problem) = await retry.ExecuteAsync(async ct =>
        {
            var rows = await loans.ReadAsync(coop, found.MemberId, loanId, found.Application.ProductCode, ct);
            var current = rows.Loan!;
            var (next, refused) = decide(current, time.GetUtcNow());
            if (refused is null && next.Status != current.Status)
            {
                var open = Loan.IsOpen(next.Status) ? rows.OpenLoanIds : rows.OpenLoanIds.Where(id => id != loanId).ToList();
                await loans.WriteAsync(coop, rows, next, open, ct);
            }
            return (next, refused);
        }, cancellationToken);
        if (problem is not null)
        {
            return LoanOutcome.Refused(problem);
        }
        await loans.SyncIndexAsync(coop, loan, cancellationToken);
        return LoanOutcome.Of(LoanDetails.Of(loan, await cooperatives.TodayAsync(coop, cancellationToken)));
    }


    private static Dictionary<string, string[]>? OutsideLimits(LoanProduct product, LoanApplication application)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (application.Principal < product.PrincipalMin || application.Principal > product.PrincipalMax)
        {
            errors["principal"] = [$"must be between {Rupiah.Format(product.PrincipalMin)} and {Rupiah.Format(product.PrincipalMax)} for this product"];
        }
        if (application.TermMonths < product.TermMonthsMin || application.TermMonths > product.TermMonthsMax)
        {
            errors["termMonths"] = [$"must be between {product.TermMonthsMin} and {product.TermMonthsMax} months for this product"];
        }
        return errors.Count == 0 ? null : errors;
    }

    private static Dictionary<string, string[]> Errors(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    private static ApiProblem IdTaken(string loanId) =>
        ApiProblem.Conflict("loan_conflict", $"Loan id '{loanId}' was submitted before with other content; use a new id for another application.");

    private static ApiProblem StatusConflict(Loan loan, string wanted) =>
        ApiProblem.Conflict("loan_status_conflict", $"Loan '{loan.Id}' is {LoanKeys.StatusName(loan.Status)}; it cannot become {wanted} (a loan's status only moves forward).");
}
