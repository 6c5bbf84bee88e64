using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>
/// Closing is decided by storage: a second LocalHost whose cached profile still shows the month open cannot change a
/// statement already computed, because the member's own partition says the month is closed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClosingByStorageTests(ApiFixture fixture)
{
    [Fact]
    public async Task PostingOnAnInstanceWithAStaleProfile_AfterTheStatementIsComputed_BooksOnTheNextOpenDay()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("S1", "Sari", "sari@example.test");
        await StatementSteps.PostAsync(coop, "S1", "deposit", "simpanan_sukarela", 40_000, "2026-09-05T09:00:00+08:00");
        var (other, _) = await ApiFixture.StartHostAsync(fixture.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["LocalHost:DisableQueueTriggers"] = "true" });
        try
        {
            // The other instance reads the profile while September is open, and keeps it for a minute.
            var staleStore = other.Services.GetRequiredService<CooperativeStore>();
            Assert.Null((await staleStore.FindAsync(coop.Id))!.ClosedThrough);

            (await coop.Admin.PostAsync("/api/statements/2026-09/run", null)).EnsureSuccessStatusCode();
            await StatementSteps.WaitForRunAsync(coop, "2026-09");
            var before = await coop.Admin.GetStringAsync("/api/members/S1/statements/2026-09");

            var late = Postings.Deposit(coop.Id, "S1", TransactionKinds.SimpananSukarela, 15_000, at: new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.FromHours(8)));
            var result = await other.Services.GetRequiredService<LedgerPosting>().PostAsync(late);

            Assert.Null((await staleStore.FindAsync(coop.Id))!.ClosedThrough);
            Assert.Equal(PostingResult.Posted, result);
            var status = await fixture.Service<LedgerReader>().FindStatusAsync(coop.Id, "S1", late.Id);
            Assert.Equal("2026-10-01", status!.BusinessDate);
            Assert.Equal(before, await coop.Admin.GetStringAsync("/api/members/S1/statements/2026-09"));
            var october = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/S1/statements/2026-10");
            Assert.Equal(55_000, october.GetProperty("totals").GetProperty("closingBalance").GetInt64());
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }
}
