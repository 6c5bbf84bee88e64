using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;
using Koperasi.Functions.Webhooks;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Records verified provider notifications (matching the money to a member once, when it is first reported), lets the
/// treasurer assign what matched no one, and sweeps the payments not yet fully applied: refunds that waited for their
/// deposit, and anything a crash left recorded but not queued.
/// </summary>
public sealed partial class PaymentIntake(
    PaymentStore payments, PaymentReferenceStore references, PaymentPosting posting, MemberStore members, Loans.LoanStore loans, IPaymentFaults faults,
    TimeProvider time, ILogger<PaymentIntake> logger)
{
    /// <summary>
    /// A pending row whose payment was never written is dropped after this long: its webhook failed before the write,
    /// so nothing was acknowledged and the provider sends the notification again.
    /// </summary>
    public static readonly TimeSpan ForgetUnwrittenAfter = TimeSpan.FromDays(1);

    public async Task<string> RecordAsync(string cooperativeId, PaymentNotification notification, CancellationToken cancellationToken = default)
    {
        var state = await payments.RecordAsync(cooperativeId, notification,
            (candidates, ct) => references.MatchAsync(cooperativeId, notification.Source, candidates, ct), cancellationToken);
        await faults.AtAsync(PaymentStep.Recorded, state.Key, cancellationToken);
        var outcome = await posting.ApplyAsync(state, cancellationToken);
        LogRecorded(logger, cooperativeId, notification.Source, state.Key, notification.Status, outcome);
        return outcome;
    }

    public async Task<object> AssignAsync(string cooperativeId, string paymentId, JsonElement body, CancellationToken cancellationToken = default)
    {
        var fields = new JsonFields(body, "memberId", "account", "loanId");
        var memberId = fields.String("memberId", required: true, maxLength: 32, MemberId.Pattern(), MemberId.Rule);
        var (account, loanId) = PaymentReferenceRules.ReadTarget(fields);
        fields.ThrowIfInvalid("invalid_assignment", "The assignment is not valid.");
        if (!await members.ExistsAsync(cooperativeId, memberId!, cancellationToken))
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("unknown_member", "The member does not exist in this cooperative.",
                new Dictionary<string, string[]> { ["memberId"] = [$"no member '{memberId}' in this cooperative"] }));
        }
        await PaymentReferenceRules.RequireMemberLoanAsync(loans, cooperativeId, memberId!, loanId, cancellationToken);
        var (outcome, state) = PaymentKey().IsMatch(paymentId)
            ? await payments.AssignAsync(cooperativeId, paymentId, new PaymentMatch(memberId!, account!, loanId), cancellationToken)
            : (AssignOutcome.NotFound, null);
        switch (outcome)
        {
            case AssignOutcome.NotFound:
                throw new ApiProblemException(ApiProblem.NotFound("payment_not_found", $"No received payment '{paymentId}' in this cooperative."));
            case AssignOutcome.AssignedElsewhere:
                throw new ApiProblemException(ApiProblem.Conflict("payment_already_assigned",
                    $"Payment '{paymentId}' already goes to member '{state!.MemberId}' ({state.Account}); it is posted there once."));
        }
        // Applying queues the deposit and only then takes the payment off the unmatched list.
        var result = await posting.ApplyAsync(state!, cancellationToken);
        return new { Id = paymentId, TransactionId = state!.DepositId, state.MemberId, state.Account, state.LoanId, state.Amount, Status = result };
    }

    /// <summary>
    /// Applies every payment in the pending index (run by a timer): one recorded but never queued (the host died between
    /// the two), one whose refunds wait for the deposit, one whose application was overtaken. Returns how many it
    /// finished. One payment that fails is logged and left pending; the others go on.
    /// </summary>
    public async Task<int> SweepPendingPaymentsAsync(CancellationToken cancellationToken = default)
    {
        var finished = 0;
        foreach (var (cooperativeId, key, markedAt) in await payments.ListPendingAsync(cancellationToken).ToListAsync(cancellationToken))
        {
            try
            {
                var state = await payments.FindAsync(cooperativeId, key, cancellationToken);
                if (state is null)
                {
                    if (time.GetUtcNow() - markedAt > ForgetUnwrittenAfter)
                    {
                        await payments.ForgetPendingAsync(cooperativeId, key, cancellationToken);
                    }
                    continue;
                }
                if (await posting.ApplyAsync(state, cancellationToken) != PaymentPosting.RefundsWaiting)
                {
                    finished++;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e, cooperativeId, key);
            }
        }
        return finished;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex PaymentKey();

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment notification for cooperative {CooperativeId} from {Source}: payment {PaymentKey} status {Status}, {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string cooperativeId, string source, string paymentKey, string status, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of pending payment {PaymentKey} of cooperative {CooperativeId} failed; it stays pending")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string cooperativeId, string paymentKey);
}
