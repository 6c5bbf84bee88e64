using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>Re-sends, conflicts and batch answers of POST /api/transactions over real HTTP, with the real queue read back.</summary>
[Collection(QueuelessCollection.Name)]
public sealed class TransactionIntakeTests(QueuelessApiFixture fixture)
{
    private const string Member = "M-1";

    [Fact]
    public async Task PostTransaction_SameIdSameContent_Answers202Again()
    {
        var coop = await NewCooperativeAsync();
        var body = TransactionJson.Valid("t-1", Member).ToJsonString();
        await PostAsync(coop, body);

        var again = await PostAsync(coop, body);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("queued", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostTransaction_SameInstantWrittenInUtc_CountsAsTheSameContent()
    {
        var coop = await NewCooperativeAsync();
        await PostAsync(coop, TransactionJson.With("t-1", Member, "occurredAt", "\"2026-10-31T09:30:00+08:00\""));

        var again = await PostAsync(coop, TransactionJson.With("t-1", Member, "occurredAt", "\"2026-10-31T01:30:00Z\""));

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Theory]
    [InlineData("amount", "25001")]
    [InlineData("occurredAt", "\"2026-10-31T09:30:00Z\"")]
    [InlineData("kind", "\"withdrawal\"")]
    [InlineData("account", "\"simpanan_wajib\"")]
    [InlineData("reference", "\"OTHER\"")]
    [InlineData("description", null)]
    public async Task PostTransaction_SameIdOtherContent_Answers409AndQueuesNothing(string field, string? json)
    {
        var coop = await NewCooperativeAsync();
        await PostAsync(coop, TransactionJson.Valid("t-1", Member).ToJsonString());
        await fixture.Queue.DrainAsync();

        var conflicting = await PostAsync(coop, TransactionJson.With("t-1", Member, field, json));

        await Problem.AssertAsync(conflicting, HttpStatusCode.Conflict, "transaction_conflict");
        Assert.Empty(await fixture.Queue.DrainAsync());
    }

    [Fact]
    public async Task PostTransaction_SameIdInAnotherCooperative_IsNotAConflict()
    {
        var first = await NewCooperativeAsync();
        var second = await NewCooperativeAsync();
        await PostAsync(first, TransactionJson.Valid("t-1", Member).ToJsonString());

        var response = await PostAsync(second, TransactionJson.With("t-1", Member, "amount", "99"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostBatch_IdSentBeforeWithOtherContent_ItemIsConflict()
    {
        var coop = await NewCooperativeAsync();
        await PostAsync(coop, TransactionJson.Valid("t-1", Member).ToJsonString());
        var changed = TransactionJson.Valid("t-1", Member);
        changed["amount"] = 1;

        var results = await PostBatchAsync(coop, [changed, TransactionJson.Valid("t-2", Member)]);

        Assert.Equal(["conflict", "queued"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.True(results[0].GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task PostBatch_EveryItemInvalid_Answers202WithOneResultPerItemInOrder()
    {
        var coop = await NewCooperativeAsync();
        var items = new List<JsonObject>();
        foreach (var (id, field, value) in new[] { ("a-1", "amount", (JsonNode?)0), ("a-2", "kind", "reversal"), ("a-3", "memberId", "M-404"), ("a-4", "occurredAt", "2026-10-31") })
        {
            var item = TransactionJson.Valid(id, Member);
            item[field] = value;
            items.Add(item);
        }

        var results = await PostBatchAsync(coop, items);

        Assert.Equal(["a-1", "a-2", "a-3", "a-4"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.All(results, r => Assert.Equal("invalid", r.GetProperty("status").GetString()));
        Assert.Equal(["amount", "kind", "memberId", "occurredAt"], results.Select(r => r.GetProperty("errors").EnumerateObject().Single().Name));
        Assert.Empty(await fixture.Queue.DrainAsync());
    }

    [Fact]
    public async Task PostBatch_ItemsThatAreNotObjects_AreInvalidWithoutAnId()
    {
        var coop = await NewCooperativeAsync();

        var response = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content("[42, \"t-1\", null]"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.False(r.TryGetProperty("id", out _)));
        Assert.All(results, r => Assert.Equal("invalid", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task PostBatch_ValidItems_QueuesEachOnceInOrderOfResults()
    {
        var coop = await NewCooperativeAsync();
        var ids = Enumerable.Range(0, 40).Select(i => $"b-{i:D3}").ToList();
        await fixture.Queue.DrainAsync();

        var results = await PostBatchAsync(coop, ids.Select(id => TransactionJson.Valid(id, Member)));

        Assert.Equal(ids, results.Select(r => r.GetProperty("id").GetString()));
        var queued = (await fixture.Queue.DrainAsync()).Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(ids, queued);
    }

    private async Task<TestCooperative> NewCooperativeAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(Member);
        return coop;
    }

    private static Task<HttpResponseMessage> PostAsync(TestCooperative coop, string body) =>
        coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(body));

    private static async Task<List<JsonElement>> PostBatchAsync(TestCooperative coop, IEnumerable<JsonObject> items)
    {
        var response = await PostAsync(coop, TransactionJson.Batch(items));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }
}
