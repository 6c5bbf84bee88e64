using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>Never twice: the delivery of one statement message under redelivery, races and a crash around the provider call.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatementDeliveryTests(ApiFixture fixture)
{
    private const string Period = "2026-10";

    [Fact]
    public async Task Deliver_SameMessageTwice_SendsOneEmail()
    {
        var (coop, message) = await MemberWithActivityAsync("D1");
        var delivery = fixture.Service<StatementDelivery>();

        var first = await delivery.DeliverAsync(message);
        var second = await delivery.DeliverAsync(message);

        Assert.Equal(StatementStatus.Sent, first);
        Assert.Equal(StatementStatus.Sent, second);
        Assert.Single(Outbox.Files(coop.Id, Period));
    }

    [Fact]
    public async Task Deliver_TwoCopiesAtOnce_SendOneEmailAndEndSent()
    {
        var (coop, message) = await MemberWithActivityAsync("D2");
        var delivery = fixture.Service<StatementDelivery>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => delivery.DeliverAsync(message))));

        Assert.Single(Outbox.Files(coop.Id, Period));
        var record = await fixture.Service<StatementStore>().FindAsync(coop.Id, Parse(Period), "D2");
        Assert.Equal(StatementStatus.Sent, record?.Record.Status);
    }

    [Fact]
    public async Task Deliver_HostDiesAfterTheProviderAccepted_RedeliveryRecordsUnknownAndSendsNothing()
    {
        var (coop, message) = await MemberWithActivityAsync("D3");
        var dying = ActivatorUtilities.CreateInstance<StatementDelivery>(fixture.Host.Services, new DiesAfterSending(fixture.Service<OutboxStatementSender>()));

        await Assert.ThrowsAsync<HostDiedException>(() => dying.DeliverAsync(message));
        var redelivered = await fixture.Service<StatementDelivery>().DeliverAsync(message);
        var again = await fixture.Service<StatementDelivery>().DeliverAsync(message);

        Assert.Equal(StatementStatus.Unknown, redelivered);
        Assert.Equal(StatementStatus.Unknown, again);
        Assert.Single(Outbox.Files(coop.Id, Period));
        var statement = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/D3/statements/{Period}");
        Assert.Equal("unknown", statement.GetProperty("delivery").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resend_AnUnknownStatement_SendsItOnceMore()
    {
        var (coop, message) = await MemberWithActivityAsync("D4");
        var dying = ActivatorUtilities.CreateInstance<StatementDelivery>(fixture.Host.Services, new DiesAfterSending(fixture.Service<OutboxStatementSender>()));
        await Assert.ThrowsAsync<HostDiedException>(() => dying.DeliverAsync(message));
        await fixture.Service<StatementDelivery>().DeliverAsync(message);

        var response = await coop.Admin.PostAsync($"/api/members/D4/statements/{Period}/resend", null);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonElement delivery;
        do
        {
            await Task.Delay(100);
            delivery = (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/D4/statements/{Period}")).GetProperty("delivery");
        }
        while (delivery.GetProperty("status").GetString() != "sent" && DateTime.UtcNow < until);
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(2, Outbox.Files(coop.Id, Period).Count);
    }

    [Fact]
    public async Task Deliver_SendGridAnswers400_RecordsFailedWithTheProvidersMessage()
    {
        var (coop, message) = await MemberWithActivityAsync("D5");
        await using var sendGrid = await FakeSendGridServer.StartAsync(TimeProvider.System);
        sendGrid.ThenError(400, "The from address does not match a verified Sender Identity.");
        using var sender = SendGridSenderTests.Sender(sendGrid, TimeProvider.System);
        var delivery = ActivatorUtilities.CreateInstance<StatementDelivery>(fixture.Host.Services, (IStatementSender)sender);

        var status = await delivery.DeliverAsync(message);

        Assert.Equal(StatementStatus.Failed, status);
        var record = (await fixture.Service<StatementStore>().FindAsync(coop.Id, Parse(Period), "D5"))!.Value.Record;
        Assert.Equal(StatementStatus.Failed, record.Status);
        Assert.Contains("The from address does not match a verified Sender Identity.", record.Error);
        Assert.Contains("400", record.Error);
        Assert.Single(sendGrid.Received);
    }

    private async Task<(TestCooperative Coop, StatementMessage Message)> MemberWithActivityAsync(string memberId)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(memberId, "Anggota " + memberId, memberId.ToLowerInvariant() + "@example.test");
        await StatementSteps.PostAsync(coop, memberId, "deposit", "simpanan_sukarela", 30_000, "2026-10-10T09:00:00+08:00", "Setoran");
        return (coop, new StatementMessage(coop.Id, memberId, Period));
    }

    private static StatementPeriod Parse(string period) => StatementPeriod.TryParse(period, out var p) ? p : throw new FormatException(period);

    /// <summary>The provider accepts the email, then the host dies before <c>sent</c> is recorded.</summary>
    private sealed class DiesAfterSending(IStatementSender inner) : IStatementSender
    {
        public async Task<DeliveryOutcome> SendAsync(StatementEmail email, CancellationToken cancellationToken = default)
        {
            await inner.SendAsync(email, cancellationToken);
            throw new HostDiedException(Koperasi.Functions.Ledger.PostingStep.AfterCommit);
        }
    }
}
