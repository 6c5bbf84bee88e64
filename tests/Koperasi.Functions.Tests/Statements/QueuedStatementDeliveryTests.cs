using Koperasi.Functions.Api;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>A statements-queue message as the feature handles it (the function only passes body and dequeue count).</summary>
[Collection(ApiCollection.Name)]
public sealed class QueuedStatementDeliveryTests(ApiFixture fixture)
{
    [Fact]
    public async Task Deliver_FailingBeforeTheLastAttempt_ThrowsAndRecordsNothing()
    {
        var cooperativeId = "kmissing" + Guid.NewGuid().ToString("N")[..8];
        var body = StatementQueue.Serialize(new StatementMessage(cooperativeId, "M1", "2026-10"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Service<QueuedStatementDelivery>().DeliverAsync(body, dequeueCount: 1));

        Assert.Empty((await fixture.Service<FailureStore>().ListAsync(cooperativeId, new Paging(10, null), fullErrors: true)).Items);
        var record = await fixture.Service<StatementStore>().FindAsync(cooperativeId, new StatementPeriod(2026, 10), "M1");
        Assert.Equal(StatementStatus.Pending, record?.Record.Status);
    }

    [Fact]
    public async Task Deliver_FailingOnTheLastAttempt_RecordsTheFailureAndMarksTheStatementFailed()
    {
        var cooperativeId = "kmissing" + Guid.NewGuid().ToString("N")[..8];
        var body = StatementQueue.Serialize(new StatementMessage(cooperativeId, "M1", "2026-10"));
        var delivery = fixture.Service<QueuedStatementDelivery>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.DeliverAsync(body, dequeueCount: 1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.DeliverAsync(body, dequeueCount: 5));

        var failure = Assert.Single((await fixture.Service<FailureStore>().ListAsync(cooperativeId, new Paging(10, null), fullErrors: true)).Items);
        Assert.Equal("statements", failure.Queue);
        Assert.Contains("does not exist", failure.Error);
        var record = (await fixture.Service<StatementStore>().FindAsync(cooperativeId, new StatementPeriod(2026, 10), "M1"))!.Value.Record;
        Assert.Equal(StatementStatus.Failed, record.Status);
        Assert.DoesNotContain("Exception", record.Error);
    }

    [Fact]
    public async Task Deliver_NotJsonOnTheLastAttempt_IsRecordedForThePlatformAdmin()
    {
        var body = "not json " + Guid.NewGuid().ToString("N");

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => fixture.Service<QueuedStatementDelivery>().DeliverAsync(body, dequeueCount: 5));

        var platform = await fixture.Service<FailureStore>().ListAsync(FailureStore.PlatformPartition, new Paging(1000, null), fullErrors: true);
        Assert.Contains(platform.Items, f => f.Message == body && f.Queue == "statements");
    }
}
