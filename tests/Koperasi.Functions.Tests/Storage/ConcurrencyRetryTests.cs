using Azure;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>The one retry policy for optimistic writes: retries 409/412 with a bound, and nothing else.</summary>
public sealed class ConcurrencyRetryTests
{
    [Fact]
    public async Task Execute_ConflictThenSuccess_RunsTheWholeAttemptAgain()
    {
        var attempts = 0;

        var result = await new ConcurrencyRetry(TimeProvider.System).ExecuteAsync(_ =>
            ++attempts < 3 ? throw new RequestFailedException(412, "stale etag") : ValueTask.FromResult("done"));

        Assert.Equal(("done", 3), (result, attempts));
    }

    [Fact]
    public async Task Execute_ConflictEveryTime_GivesUpAfterTheBound()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () => await new ConcurrencyRetry(TimeProvider.System, maxRetries: 4)
            .ExecuteAsync<int>(_ => { attempts++; throw new RequestFailedException(409, "exists"); }));

        Assert.Equal((409, 5), (error.Status, attempts));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Execute_OtherStorageErrors_AreNotRetried(int status)
    {
        var attempts = 0;

        await Assert.ThrowsAsync<RequestFailedException>(async () => await new ConcurrencyRetry(TimeProvider.System)
            .ExecuteAsync<int>(_ => { attempts++; throw new RequestFailedException(status, "no"); }));

        Assert.Equal(1, attempts);
    }
}
