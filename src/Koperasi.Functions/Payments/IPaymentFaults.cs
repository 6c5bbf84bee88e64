namespace Koperasi.Functions.Payments;

/// <summary>
/// A seam for crash and race tests: called between the storage calls that turn a provider payment into postings.
/// In production it does nothing; a test makes it throw (the host died there) or wait (another instance overtakes).
/// </summary>
public interface IPaymentFaults
{
    ValueTask AtAsync(PaymentStep step, string paymentKey, CancellationToken cancellationToken = default);
}
