using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>CooperativeStore's optimistic write goes through the shared, bounded ConcurrencyRetry.</summary>
[Collection(ApiCollection.Name)]
public sealed class CooperativeStoreRetryTests(ApiFixture fixture)
{
    [Fact]
    public async Task CloseThrough_ProfileChangedBeforeEveryWrite_GivesUpAfterTheSharedBoundWithBackoff()
    {
        var coop = await fixture.NewCooperativeAsync();
        var stale = new StaleIfMatchPolicy(StorageNames.CooperativesTable);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ApiFixture.Settings(fixture.Azurite.ConnectionString)).Build();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new CooperativeStore(new StorageAccount(new StorageClientFactory(configuration, [stale])), clock, new ConcurrencyRetry(clock));
        var started = clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => ManualClock.RunAsync(clock, CloseAsync(store, coop.Id), TimeSpan.FromMilliseconds(50), maxSteps: 5000));

        Assert.Equal(412, error.Status);
        Assert.Equal(ConcurrencyRetry.MaxRetries + 1, stale.Writes);
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(1), $"the retries waited only {clock.GetUtcNow() - started}");
        Assert.Null((await fixture.Service<CooperativeStore>().FindAsync(coop.Id))!.ClosedThrough);
    }

    private static async Task<bool> CloseAsync(CooperativeStore store, string id)
    {
        await store.CloseThroughAsync(id, new DateOnly(2026, 10, 1));
        return true;
    }

    /// <summary>Another writer got there first, every time: each conditional write to the table carries an ETag that no longer matches.</summary>
    private sealed class StaleIfMatchPolicy(string table) : HttpPipelineSynchronousPolicy
    {
        private int writes;

        public int Writes => writes;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get && message.Request.Uri.Path.Contains($"/{table}(", StringComparison.Ordinal) &&
                message.Request.Headers.Contains("If-Match"))
            {
                Interlocked.Increment(ref writes);
                message.Request.Headers.SetValue("If-Match", "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"");
            }
        }
    }
}
