using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Foundation;

[Collection(QueuelessCollection.Name)]
public sealed class IntakeQueueTests(QueuelessApiFixture fixture)
{
    [Fact]
    public async Task PostTransaction_Valid_LandsOnTheRealQueueAsBase64WithCooperativeAndSource()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("Q-1");
        var id = "q-" + Guid.NewGuid().ToString("N");

        var response = await coop.Admin.PostAsJsonAsync("/api/transactions",
            new { id, memberId = "Q-1", kind = "deposit", account = "simpanan_sukarela", amount = 25_000, occurredAt = "2026-10-31T23:30:00+08:00" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/transactions/{id}", response.Headers.Location?.ToString());
        var message = await FindMessageAsync(id);
        Assert.Equal(coop.Id, message.GetProperty("cooperativeId").GetString());
        Assert.Equal("api", message.GetProperty("source").GetString());
        Assert.Equal(25_000, message.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task PostBatch_OneInvalidItem_QueuesOnlyTheValidOnes()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("Q-2");
        var good = "g-" + Guid.NewGuid().ToString("N");
        var bad = "b-" + Guid.NewGuid().ToString("N");

        var response = await coop.Admin.PostAsJsonAsync("/api/transactions", new object[]
        {
            new { id = good, memberId = "Q-2", kind = "deposit", account = "simpanan_wajib", amount = 50_000, occurredAt = "2026-10-01T08:00:00+08:00" },
            new { id = bad, memberId = "Q-2", kind = "deposit", account = "simpanan_wajib", amount = -5, occurredAt = "2026-10-01T08:00:00+08:00" },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal("queued", results[0].GetProperty("status").GetString());
        Assert.Equal("invalid", results[1].GetProperty("status").GetString());
        var queued = await fixture.Queue.DrainAsync();
        Assert.Contains(queued, m => m.GetProperty("id").GetString() == good);
        Assert.DoesNotContain(queued, m => m.GetProperty("id").GetString() == bad);
    }

    [Fact]
    public async Task PostBatch_ItemsOfSeveralMembers_QueueOneMessagePerMemberInTheOrderSent()
    {
        var coop = await fixture.NewCooperativeAsync();
        string[] members = ["Q-A", "Q-B", "Q-C"];
        foreach (var member in members)
        {
            await coop.AddMemberAsync(member);
        }
        await fixture.Queue.DrainMessagesAsync();
        // Interleaved as a teller's device made them: A, B, C, A, B, C, ...
        var items = Enumerable.Range(0, 12).Select(i => TransactionJson.Valid($"ord-{i:D2}-{Guid.NewGuid():N}", members[i % 3])).ToList();

        var response = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Batch(items)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var messages = await fixture.Queue.DrainMessagesAsync();
        Assert.Equal(3, messages.Count);
        foreach (var message in messages)
        {
            var member = message.GetProperty("memberId").GetString();
            var expected = items.Where(i => (string?)i["memberId"] == member).Select(i => (string?)i["id"]).ToList();
            Assert.Equal(coop.Id, message.GetProperty("cooperativeId").GetString());
            Assert.Equal(expected, message.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        }
    }

    private async Task<JsonElement> FindMessageAsync(string id) =>
        (await fixture.Queue.DrainAsync()).SingleOrDefault(m => m.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } message
            ? message
            : throw new Xunit.Sdk.XunitException($"no message for transaction {id} on the queue");
}
