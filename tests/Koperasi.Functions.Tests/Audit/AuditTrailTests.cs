using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Audit;

/// <summary>The audit trail over HTTP: what the API's changes record, what it never records, and the supervisor role that reads it.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditTrailTests(ApiFixture fixture)
{
    [Fact]
    public async Task Trail_ChangesThroughTheApi_RecordActorKindPathAndRequestButNoPersonalData()
    {
        var coop = await fixture.NewCooperativeAsync();
        var (teller, tellerId) = await KeyAsync(coop, "teller");
        (await teller.PostAsJsonAsync("/api/members", new { id = "AU-1", name = "Budi Rahasia", email = "budi.rahasia@example.test", phone = "081234567890" })).EnsureSuccessStatusCode();
        await StatementSteps.PostAsync(coop, "AU-1", "deposit", "simpanan_sukarela", 75_000, "2026-10-05T09:00:00+08:00");
        Assert.Equal(HttpStatusCode.Forbidden, (await teller.PostAsJsonAsync("/api/keys", new { name = "x", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teller.GetAsync("/api/members/AU-1")).StatusCode);
        var (supervisor, _) = await KeyAsync(coop, "supervisor");

        var response = await supervisor.GetAsync("/api/audit");
        var text = await response.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["POST /api/cooperatives", "POST /api/keys", "POST /api/members", "POST /api/transactions", "POST /api/keys"],
            items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal("platform", items[0].GetProperty("actor").GetString());
        var member = items[2];
        Assert.Equal((tellerId, "teller", "/api/members", 201), (member.GetProperty("actor").GetString(), member.GetProperty("role").GetString(),
            member.GetProperty("path").GetString(), member.GetProperty("status").GetInt32()));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("requestId").GetString())));
        Assert.Equal(items.Select(i => i.GetProperty("at").GetDateTimeOffset()).Order(), items.Select(i => i.GetProperty("at").GetDateTimeOffset()));
        foreach (var personal in new[] { "Budi", "Rahasia", "budi.rahasia", "0812", "Anggota" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Trail_SignedProviderWebhook_IsRecordedAsTheProvidersChange()
    {
        var coop = await fixture.NewCooperativeAsync();
        (await coop.Admin.PutAsJsonAsync($"/api/providers/standard-webhooks/{Webhooks.WebhookSamples.StandardName}", new { secret = Webhooks.WebhookSamples.StandardSecret })).EnsureSuccessStatusCode();
        using var anonymous = fixture.Client();
        var paid = Webhooks.WebhookSamples.StandardEvent("payment.succeeded", "pay-" + Guid.NewGuid().ToString("N")[..8], "VA-NOBODY", 25_000);

        var answer = await anonymous.SendAsync(Webhooks.WebhookSamples.Standard(coop.Id, "msg_" + Guid.NewGuid().ToString("N"), paid, DateTimeOffset.UtcNow));
        var forged = await anonymous.SendAsync(Webhooks.WebhookSamples.Standard(coop.Id, "msg_" + Guid.NewGuid().ToString("N"), paid, DateTimeOffset.UtcNow, Webhooks.WebhookSamples.OldStandardSecret));

        Assert.True(answer.IsSuccessStatusCode);
        Assert.False(forged.IsSuccessStatusCode);
        var trail = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=" + Uri.EscapeDataString("POST /api/webhooks/standard/{cooperativeId}/{name}"));
        var entry = Assert.Single(trail.GetProperty("items").EnumerateArray());
        Assert.Equal(($"standard:{Webhooks.WebhookSamples.StandardName}", false), (entry.GetProperty("actor").GetString(), entry.TryGetProperty("role", out _)));
    }

    [Fact]
    public async Task Trail_FilteredByActorAndKindAndPaged_ReturnsThoseEntriesInTimeOrder()
    {
        var coop = await fixture.NewCooperativeAsync();
        var (teller, tellerId) = await KeyAsync(coop, "teller");
        for (var i = 1; i <= 5; i++)
        {
            (await teller.PostAsJsonAsync("/api/members", new { id = $"PG-{i}", name = "Anggota" })).EnsureSuccessStatusCode();
        }
        (await coop.Admin.PutAsJsonAsync("/api/members/PG-1", new { name = "Anggota Lain" })).EnsureSuccessStatusCode();

        var paths = new List<string>();
        string? token = null;
        do
        {
            var page = await coop.Admin.GetFromJsonAsync<JsonElement>(
                $"/api/audit?actor={tellerId}&kind={Uri.EscapeDataString("POST /api/members")}&limit=2" + (token is null ? "" : "&continuationToken=" + token));
            paths.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        var updates = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/audit?kind={Uri.EscapeDataString("PUT /api/members/{id}")}");

        Assert.Equal(Enumerable.Repeat("/api/members", 5), paths);
        var update = Assert.Single(updates.GetProperty("items").EnumerateArray());
        Assert.Equal("/api/members/PG-1", update.GetProperty("path").GetString());
        Assert.Equal("admin", update.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Trail_ReaderOrTeller_IsRefusedAndAnInventedTokenIsABadRequest()
    {
        var coop = await fixture.NewCooperativeAsync();
        var (teller, _) = await KeyAsync(coop, "teller");

        await Problem.AssertAsync(await teller.GetAsync("/api/audit"), HttpStatusCode.Forbidden, "forbidden");
        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/audit?continuationToken=abc"), HttpStatusCode.BadRequest, "invalid_continuation_token");
        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/audit?from=2026-01-01&to=2026-03-01"), HttpStatusCode.BadRequest, "invalid_query");
    }

    /// <summary>Every route openapi.yaml documents with a method other than GET, except the platform's and the providers' (no cooperative key reaches them).</summary>
    public static TheoryData<string> MutatingRoutes => new(OpenApiContract.DocumentedRoutes()
        .Where(r => OpenApiContract.Split(r) is var (method, path) && method is not ("GET" or "HEAD") &&
            path != "/api/cooperatives" && !path.StartsWith("/api/webhooks/", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(MutatingRoutes))]
    public async Task Supervisor_MutatingRoute_IsRefused(string route)
    {
        var coop = await SupervisedCooperativeAsync();
        var (method, path) = OpenApiContract.Split(route);
        var request = new HttpRequestMessage(new HttpMethod(method), System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", "AU-1"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        await Problem.AssertAsync(await coop.Supervisor.SendAsync(request), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Supervisor_AdminReadsAndTheAudit_AreAnswered()
    {
        var coop = await SupervisedCooperativeAsync();

        foreach (var path in new[] { "/api/keys", "/api/ledger/check", "/api/audit", "/api/failures", "/api/members/AU-1", "/api/session" })
        {
            Assert.True((await coop.Supervisor.GetAsync(path)).IsSuccessStatusCode, path);
        }
        Assert.Equal("supervisor", (await coop.Supervisor.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("role").GetString());
    }

    private async Task<(TestCooperative Coop, HttpClient Supervisor)> SupervisedCooperativeAsync()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("AU-1");
        return (coop, (await KeyAsync(coop, "supervisor")).Client);
    }

    private async Task<(HttpClient Client, string KeyId)> KeyAsync(TestCooperative coop, string role)
    {
        var response = await coop.Admin.PostAsJsonAsync("/api/keys", new { name = role + " key", role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(role, body.GetProperty("role").GetString());
        return (fixture.Client(body.GetProperty("key").GetString()), body.GetProperty("id").GetString()!);
    }
}
