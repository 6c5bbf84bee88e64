using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Simulates the host dying at one step of a posting: throws there once, then lets everything through.</summary>
public sealed class CrashAt(PostingStep step) : IPostingFaults
{
    private int crashed;

    public ValueTask AtAsync(PostingStep at, string transactionId, CancellationToken cancellationToken = default) =>
        at == step && Interlocked.Exchange(ref crashed, 1) == 0
            ? throw new HostDiedException(step)
            : ValueTask.CompletedTask;
}
