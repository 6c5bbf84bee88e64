using Azure;
using Polly;
using Polly.Retry;

namespace Koperasi.Functions.Storage;

/// <summary>
/// The one retry policy for optimistic writes (ETag If-Match, insert-if-absent, entity-group transactions): a
/// concurrent writer makes storage answer 409 or 412, and the whole read-decide-write runs again after a short,
/// jittered, growing wait. Bounded: after the last attempt the conflict propagates, so a queue trigger retries the
/// message later and an HTTP caller gets the error mapping's answer. Built on Polly so that backoff, jitter and the
/// clock (an injected <see cref="TimeProvider"/>) are not written by hand in every store.
/// </summary>
public sealed class ConcurrencyRetry
{
    /// <summary>Attempts after the first: enough for a burst of a few hundred writers on one partition.</summary>
    public const int MaxRetries = 60;

    private readonly ResiliencePipeline pipeline;

    public ConcurrencyRetry(TimeProvider time) : this(time, MaxRetries)
    {
    }

    internal ConcurrencyRetry(TimeProvider time, int maxRetries)
    {
        pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(IsConcurrencyConflict),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(250),
            })
            .Build();
    }

    /// <summary>Runs <paramref name="attempt"/> (a whole read-decide-write) until it completes without a concurrency conflict.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken = default) =>
        pipeline.ExecuteAsync(attempt, cancellationToken);

    /// <summary>409 (the row or marker was inserted meanwhile) or 412 (the ETag read is stale): read again and decide again.</summary>
    public static bool IsConcurrencyConflict(RequestFailedException e) => e.Status is 409 or 412;
}
