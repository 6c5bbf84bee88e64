namespace Koperasi.Functions.Ledger;

/// <summary>
/// A seam for crash tests: called between the storage calls of a posting. In production it does nothing;
/// a test makes it throw at one step to prove that a redelivery finishes the posting exactly once.
/// </summary>
public interface IPostingFaults
{
    ValueTask AtAsync(PostingStep step, string transactionId, CancellationToken cancellationToken = default);
}
