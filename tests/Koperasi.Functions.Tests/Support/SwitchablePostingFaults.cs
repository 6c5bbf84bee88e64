using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Tests.Support;

/// <summary>A crash seam a test can arm: it throws before the commit of every transaction id with a given prefix.</summary>
public sealed class SwitchablePostingFaults : IPostingFaults
{
    private volatile string? failPrefix;

    public void FailIdsStartingWith(string? prefix) => failPrefix = prefix;

    public ValueTask AtAsync(PostingStep step, string transactionId, CancellationToken cancellationToken = default) =>
        failPrefix is { } prefix && step == PostingStep.BeforeCommit && transactionId.StartsWith(prefix, StringComparison.Ordinal)
            ? throw new InvalidOperationException($"injected fault at {step}")
            : ValueTask.CompletedTask;
}
