using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;
using Koperasi.LocalHost;
using Koperasi.Testing;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>Which months the UTC timer starts, cut in each cooperative's own zone; and the start-time checks of the settings.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatementScheduleTests(ApiFixture fixture)
{
    private static readonly DateTimeOffset FirstOfDecemberUtc = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Cooperative Coop(string zone, DateOnly? closedThrough = null) =>
        new("kTest", "Koperasi", zone, 100_000, 50_000, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { ClosedThrough = closedThrough };

    [Theory]
    [InlineData("Asia/Makassar")]
    [InlineData("Asia/Jakarta")]
    [InlineData("Asia/Jayapura")]
    public void PeriodsDue_DefaultScheduleInIndonesianZones_IsTheMonthThatJustEnded(string zone)
    {
        var due = StatementRuns.PeriodsDue(Coop(zone, new DateOnly(2026, 10, 1)), FirstOfDecemberUtc);

        Assert.Equal(["2026-11"], due.Select(p => p.Key));
    }

    [Fact]
    public void PeriodsDue_ZoneWhereTheMonthHasNotEndedYet_WaitsForTheNextRun()
    {
        var losAngeles = Coop("America/Los_Angeles", new DateOnly(2026, 10, 1));

        Assert.Empty(StatementRuns.PeriodsDue(losAngeles, FirstOfDecemberUtc));
        Assert.Equal(["2026-11"], StatementRuns.PeriodsDue(losAngeles, FirstOfDecemberUtc.AddMonths(1)).Select(p => p.Key));
    }

    [Fact]
    public void PeriodsDue_AfterMissedRuns_CatchesUpEveryUnclosedMonth()
    {
        var due = StatementRuns.PeriodsDue(Coop("Asia/Makassar", new DateOnly(2026, 8, 1)), FirstOfDecemberUtc);

        Assert.Equal(["2026-09", "2026-10", "2026-11"], due.Select(p => p.Key));
    }

    [Fact]
    public void PeriodsDue_AlreadyClosed_IsNothing()
    {
        Assert.Empty(StatementRuns.PeriodsDue(Coop("Asia/Makassar", new DateOnly(2026, 11, 1)), FirstOfDecemberUtc));
    }

    [Fact]
    public void PeriodsDue_NeverRun_StartsAtTheMonthThatJustEndedNotAtTheBeginning()
    {
        Assert.Equal(["2026-11"], StatementRuns.PeriodsDue(Coop("Asia/Makassar"), FirstOfDecemberUtc).Select(p => p.Key));
    }

    [Fact]
    public void Schedule_SampleSettings_FiresEveryDaySoAnInterruptedRunIsResumedWithinADay()
    {
        var values = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("local.settings.sample.json"))).RootElement.GetProperty("Values");
        var schedule = TimerTriggerScheduler.Parse(values.GetProperty("StatementSchedule").GetString()!);
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var fires = schedule.GetNextOccurrences(from, from.AddYears(1)).Prepend(from).ToList();

        var longestWait = fires.Zip(fires.Skip(1), (a, b) => b - a).Max();
        Assert.True(longestWait <= TimeSpan.FromDays(1), $"the statement timer waits up to {longestWait} between runs");
    }

    [Fact]
    public async Task StartDue_OnTheFirstOfTheMonth_ClosesTheMonthAndSendsItsStatements()
    {
        var coop = await fixture.NewCooperativeAsync(timeZone: "Asia/Makassar");
        await coop.AddMemberAsync("T1", "Tono", "tono@example.test");
        var cooperative = (await fixture.Service<CooperativeStore>().FindAsync(coop.Id))!;
        var createdMonth = StatementPeriod.Containing(DateOnly.FromDateTime(cooperative.CreatedAt.UtcDateTime.AddHours(8)));
        await StatementSteps.PostAsync(coop, "T1", "deposit", "simpanan_sukarela", 10_000, $"{createdMonth.Key}-02T09:00:00+08:00");
        var timerFires = new DateTimeOffset(createdMonth.Next.First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var started = await fixture.Service<StatementRuns>().StartDueAsync(cooperative, timerFires);

        Assert.Equal([createdMonth], started);
        Assert.Equal(createdMonth.First, (await fixture.Service<CooperativeStore>().FindAsync(coop.Id))!.ClosedThrough);
        var progress = await StatementSteps.WaitForRunAsync(coop, createdMonth.Key);
        Assert.Equal(1, progress.GetProperty("sent").GetInt32());
        var again = await fixture.Service<StatementRuns>().StartDueAsync((await fixture.Service<CooperativeStore>().FindAsync(coop.Id))!, timerFires);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Start_SendGridModeWithoutAKey_FailsTheStart()
    {
        var settings = new Dictionary<string, string?> { ["Email:Mode"] = "SendGrid", ["Email:FromAddress"] = "laporan@koperasi.example" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiFixture.StartHostAsync(fixture.Azurite.ConnectionString, settings));

        Assert.Contains("Email:SendGridApiKey", error.Message);
    }

    [Fact]
    public async Task Start_SendGridModeWithAKey_Starts()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Mode"] = "SendGrid", ["Email:FromAddress"] = "laporan@koperasi.example", ["Email:SendGridApiKey"] = "SG.fake-key-for-tests-only",
            ["LocalHost:DisableQueueTriggers"] = "true",
        };

        var (host, address) = await ApiFixture.StartHostAsync(fixture.Azurite.ConnectionString, settings);
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            Assert.True((await client.GetAsync("/api/health")).IsSuccessStatusCode);
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }
}
