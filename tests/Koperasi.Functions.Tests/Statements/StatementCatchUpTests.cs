using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>Statement runs catch up: every unclosed month in order, and a fan-out left half-way is finished by the next tick, never sending twice.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatementCatchUpTests(ApiFixture fixture)
{
    [Fact]
    public async Task RunByHand_TwoMonthsAfterTheLastRun_RunsTheSkippedMonthFirstWithItsOwnRun()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("C1", "Citra", "citra@example.test");
        await StatementSteps.PostAsync(coop, "C1", "deposit", "simpanan_sukarela", 10_000, "2026-08-10T09:00:00+08:00");
        await StatementSteps.PostAsync(coop, "C1", "deposit", "simpanan_sukarela", 20_000, "2026-09-10T09:00:00+08:00");
        await StatementSteps.PostAsync(coop, "C1", "deposit", "simpanan_sukarela", 40_000, "2026-10-10T09:00:00+08:00");
        (await coop.Admin.PostAsync("/api/statements/2026-08/run", null)).EnsureSuccessStatusCode();
        var august = await StatementSteps.WaitForRunAsync(coop, "2026-08");

        var response = await coop.Admin.PostAsync("/api/statements/2026-10/run", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var october = await StatementSteps.WaitForRunAsync(coop, "2026-10");
        var september = await StatementSteps.WaitForRunAsync(coop, "2026-09");
        Assert.Equal(1, september.GetProperty("sent").GetInt32());
        Assert.Equal(1, october.GetProperty("sent").GetInt32());
        Assert.True(september.GetProperty("startedAt").GetDateTimeOffset() < october.GetProperty("startedAt").GetDateTimeOffset(),
            $"September must start before October: {september} / {october}");
        Assert.Equal(august.GetProperty("startedAt").GetDateTimeOffset(),
            (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/statements/2026-08")).GetProperty("startedAt").GetDateTimeOffset());
        Assert.Single(Outbox.Files(coop.Id, "2026-08"));
        var septemberEmail = Outbox.Read(Assert.Single(Outbox.Files(coop.Id, "2026-09")));
        Assert.Contains("September 2026", septemberEmail.Subject);
        Assert.Contains("Rp30.000", septemberEmail.TextBody);
        Assert.Single(Outbox.Files(coop.Id, "2026-10"));
        var statement = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/C1/statements/2026-09");
        Assert.Equal(30_000, statement.GetProperty("totals").GetProperty("closingBalance").GetInt64());
    }

    [Fact]
    public async Task StartDue_NextDayAfterAnOlderRunStoppedHalfWay_QueuesTheRestAndSendsEachStatementOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        foreach (var id in new[] { "H1", "H2", "H3" })
        {
            await coop.AddMemberAsync(id, "Anggota " + id, id.ToLowerInvariant() + "@example.test");
            await StatementSteps.PostAsync(coop, id, "deposit", "simpanan_sukarela", 25_000, "2026-09-12T09:00:00+08:00");
        }
        (await coop.Admin.PostAsync("/api/statements/2026-10/run", null)).EnsureSuccessStatusCode();
        await StatementSteps.WaitForRunAsync(coop, "2026-10");
        // A run of September (started again by hand after October) died in its fan-out: its record says started, H1
        // got its pending record and its message (delivered late, below), H2 and H3 were never reached.
        var september = new StatementPeriod(2026, 9);
        var store = fixture.Service<StatementStore>();
        var startedAt = DateTimeOffset.UtcNow;
        await store.RecordRunStartAsync(coop.Id, september, startedAt);
        await store.EnsureAsync(coop.Id, september, "H1", startedAt);
        var messageBeforeTheCrash = new StatementMessage(coop.Id, "H1", september.Key);
        var runs = fixture.Service<StatementRuns>();
        var nextTick = DateTimeOffset.UtcNow.AddDays(1);

        var started = await runs.StartDueAsync((await fixture.Service<CooperativeStore>().FindAsync(coop.Id))!, nextTick);

        Assert.Equal([september], started);
        var progress = await StatementSteps.WaitForRunAsync(coop, september.Key);
        Assert.Equal(3, progress.GetProperty("members").GetInt32());
        Assert.Equal(3, progress.GetProperty("sent").GetInt32());
        Assert.Equal(StatementStatus.Sent, await fixture.Service<StatementDelivery>().DeliverAsync(messageBeforeTheCrash));
        Assert.Equal(["H1.eml", "H2.eml", "H3.eml"], Outbox.Files(coop.Id, september.Key).Select(Path.GetFileName));
        var again = await runs.StartDueAsync((await fixture.Service<CooperativeStore>().FindAsync(coop.Id))!, nextTick.AddDays(1));
        Assert.Empty(again);
        Assert.Equal(3, Outbox.Files(coop.Id, september.Key).Count);
    }
}
