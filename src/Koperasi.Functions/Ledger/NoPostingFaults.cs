namespace Koperasi.Functions.Ledger;

public sealed class NoPostingFaults : IPostingFaults
{
    public ValueTask AtAsync(PostingStep step, string transactionId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
