using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Failures;

/// <summary>Who sees what of a failure, over real HTTP: every role a safe message, admins the full error text.</summary>
[Collection(ApiCollection.Name)]
public sealed class FailureVisibilityTests(ApiFixture fixture)
{
    [Fact]
    public async Task ListFailures_APoisonedPosting_ShowsReadersASafeMessageAndAdminsTheError()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("V1");
        var reader = await coop.ClientWithRoleAsync("reader");
        var teller = await coop.ClientWithRoleAsync("teller");
        var id = "fail-" + Guid.NewGuid().ToString("N");
        fixture.Faults.FailIdsStartingWith(id);
        try
        {
            (await coop.Admin.PostAsJsonAsync("/api/transactions", new
            {
                id, memberId = "V1", kind = "deposit", account = "simpanan_sukarela", amount = 40_000, occurredAt = "2026-10-05T09:00:00+08:00",
            })).EnsureSuccessStatusCode();
            var asAdmin = await WaitForPoisonedAsync(coop.Admin, id);

            var asReader = await FindAsync(reader, id);
            var asTeller = await FindAsync(teller, id);

            Assert.Contains("InvalidOperationException: injected fault", asAdmin.GetProperty("error").GetString());
            foreach (var seen in new[] { asReader, asTeller })
            {
                var error = seen.GetProperty("error").GetString()!;
                Assert.DoesNotContain("injected fault", error);
                Assert.DoesNotContain("Exception", error);
                Assert.Contains("admin", error);
                Assert.Equal(asAdmin.GetProperty("id").GetString(), seen.GetProperty("id").GetString());
                Assert.Equal("poisoned", seen.GetProperty("status").GetString());
            }
        }
        finally
        {
            fixture.Faults.FailIdsStartingWith(null);
        }
    }

    private static async Task<JsonElement> WaitForPoisonedAsync(HttpClient client, string transactionId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await TryFindAsync(client, transactionId) is { } found && found.GetProperty("status").GetString() == "poisoned")
            {
                return found;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"no poisoned failure recorded for {transactionId}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> FindAsync(HttpClient client, string transactionId) =>
        await TryFindAsync(client, transactionId) ?? throw new InvalidOperationException($"failure of {transactionId} not listed");

    private static async Task<JsonElement?> TryFindAsync(HttpClient client, string transactionId)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/failures");
        return list.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(i => i!.Value.GetProperty("transactionId").GetString() == transactionId);
    }
}
