namespace Koperasi.Functions.Payments;

public sealed class NoPaymentFaults : IPaymentFaults
{
    public ValueTask AtAsync(PaymentStep step, string paymentKey, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
