using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Payments;

public sealed class RefundSweepFunction(PaymentIntake intake)
{
    /// <summary>Every two minutes (UTC): queue the reversals of refunds that arrived before their deposit was posted.</summary>
    [Function(nameof(SweepWaitingRefunds))]
    public Task SweepWaitingRefunds([TimerTrigger("0 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => intake.SweepWaitingRefundsAsync(cancellationToken);
}
