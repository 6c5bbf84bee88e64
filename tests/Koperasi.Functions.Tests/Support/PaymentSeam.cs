using Koperasi.Functions.Payments;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// The payments' crash and race seam for one test: <see cref="CrashAt"/> makes the first arrival at a step die there
/// (as the host would); <see cref="HoldAt"/> parks the first arrival at a step until the test releases it, so another
/// application can overtake it exactly there. Later arrivals pass.
/// </summary>
public sealed class PaymentSeam : IPaymentFaults
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PaymentStep? crashAt;
    private PaymentStep? holdAt;
    private int fired;

    public Task Reached => reached.Task;

    public void CrashAt(PaymentStep step) => (crashAt, fired) = (step, 0);

    public void HoldAt(PaymentStep step) => (holdAt, fired) = (step, 0);

    public void Release() => released.TrySetResult();

    public async ValueTask AtAsync(PaymentStep step, string paymentKey, CancellationToken cancellationToken = default)
    {
        if (step == crashAt && Interlocked.Exchange(ref fired, 1) == 0)
        {
            throw new PaymentHostDiedException(step);
        }
        if (step == holdAt && Interlocked.Exchange(ref fired, 1) == 0)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
    }
}
