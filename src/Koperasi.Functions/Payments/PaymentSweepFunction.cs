using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Payments;

public sealed class PaymentSweepFunction(PaymentIntake intake)
{
    /// <summary>Every two minutes (UTC): queue what recorded payments still owe the ledger (a crash, refunds that waited for their deposit).</summary>
    [Function(nameof(SweepPendingPayments))]
    public Task SweepPendingPayments([TimerTrigger("0 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => intake.SweepPendingPaymentsAsync(cancellationToken);
}
