using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>API keys, roles and tenant isolation over real HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccessTests(ApiFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer nonsense")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer kop_k0_k1_0123")]
    public async Task Members_MissingOrMalformedKey_Answers401(string? authorization)
    {
        using var client = fixture.Client();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/api/members");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Members_KeyWithWrongSecret_Answers401()
    {
        var coop = await fixture.NewCooperativeAsync();
        var forged = coop.AdminKey[..^8] + (coop.AdminKey.EndsWith("00000000", StringComparison.Ordinal) ? "11111111" : "00000000");
        using var client = fixture.Client(forged);

        var response = await client.GetAsync("/api/members");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Members_KeyPointingAtAnotherCooperative_Answers401()
    {
        var first = await fixture.NewCooperativeAsync();
        var second = await fixture.NewCooperativeAsync();
        // The first key's key id and secret, presented as if it belonged to the second cooperative.
        var swapped = first.AdminKey.Replace($"kop_{first.Id}_", $"kop_{second.Id}_", StringComparison.Ordinal);
        using var client = fixture.Client(swapped);

        var response = await client.GetAsync("/api/members");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Members_PlatformAdminKey_Answers401()
    {
        using var platform = fixture.Client(ApiFixture.PlatformAdminKey);

        var response = await platform.GetAsync("/api/members");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task PostTransaction_ReaderKey_Answers403()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M-1");
        using var reader = await coop.ClientWithRoleAsync("reader");

        var response = await reader.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Valid("t-1", "M-1").ToJsonString()));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateMember_ReaderKey_Answers403()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var reader = await coop.ClientWithRoleAsync("reader");

        var response = await reader.PostAsJsonAsync("/api/members", new { id = "M-1", name = "Wayan" });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ListMembers_ReaderKey_Answers200()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var reader = await coop.ClientWithRoleAsync("reader");

        var response = await reader.GetAsync("/api/members");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateMemberAndPostTransaction_TellerKey_AreAccepted()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var teller = await coop.ClientWithRoleAsync("teller");

        var member = await teller.PostAsJsonAsync("/api/members", new { id = "M-1", name = "Komang" });
        var transaction = await teller.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Valid("t-1", "M-1").ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, transaction.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Keys_TellerKey_Answers403(string method)
    {
        var coop = await fixture.NewCooperativeAsync();
        using var teller = await coop.ClientWithRoleAsync("teller");

        var response = await teller.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/keys")
        {
            Content = method == "POST" ? JsonContent.Create(new { name = "mine", role = "admin" }) : null,
        });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateKey_Admin_Answers201WithAWorkingKeyOfTheRole()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsJsonAsync("/api/keys", new { name = "kasir pagi", role = "reader" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reader", body.GetProperty("role").GetString());
        using var reader = fixture.Client(body.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/cooperative")).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"role\": \"owner\"}", "role")]
    [InlineData("{\"name\": \"x\"}", "role")]
    [InlineData("{\"role\": \"reader\"}", "name")]
    [InlineData("{\"name\": \"x\", \"role\": \"reader\", \"secret\": \"s\"}", "secret")]
    public async Task CreateKey_InvalidBody_Answers400NamingTheField(string body, string field)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsync("/api/keys", TransactionJson.Content(body));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task ListKeys_Admin_ListsEveryKeyWithoutItsSecret()
    {
        var coop = await fixture.NewCooperativeAsync();
        var created = await (await coop.Admin.PostAsJsonAsync("/api/keys", new { name = "teller 1", role = "teller" })).Content.ReadFromJsonAsync<JsonElement>();

        var text = await coop.Admin.GetStringAsync("/api/keys");

        var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString() && k.GetProperty("role").GetString() == "teller");
        Assert.DoesNotContain(created.GetProperty("key").GetString()!.Split('_')[^1], text, StringComparison.Ordinal);
        Assert.DoesNotContain(coop.AdminKey.Split('_')[^1], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKey_Admin_KeyStopsWorkingAtOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        var created = await (await coop.Admin.PostAsJsonAsync("/api/keys", new { name = "lost phone", role = "teller" })).Content.ReadFromJsonAsync<JsonElement>();
        using var teller = fixture.Client(created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await teller.GetAsync("/api/members")).StatusCode); // now in the verified-key cache

        var revoke = await coop.Admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await Problem.AssertAsync(await teller.GetAsync("/api/members"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task RevokeKey_AlreadyRevoked_Answers404()
    {
        var coop = await fixture.NewCooperativeAsync();
        var created = await (await coop.Admin.PostAsJsonAsync("/api/keys", new { name = "k", role = "reader" })).Content.ReadFromJsonAsync<JsonElement>();
        await coop.Admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}");

        var again = await coop.Admin.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}");

        await Problem.AssertAsync(again, HttpStatusCode.NotFound, "key_not_found");
    }

    [Fact]
    public async Task RevokeKey_AnotherCooperativesKey_Answers404AndTheKeyKeepsWorking()
    {
        var victim = await fixture.NewCooperativeAsync();
        var other = await fixture.NewCooperativeAsync();
        var keyId = victim.AdminKey.Split('_')[2];

        var response = await other.Admin.DeleteAsync($"/api/keys/{keyId}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "key_not_found");
        Assert.Equal(HttpStatusCode.OK, (await victim.Admin.GetAsync("/api/cooperative")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("coop-admin")]
    public async Task CreateCooperative_WithoutThePlatformAdminKey_Answers401(string? key)
    {
        var coop = key is null ? null : await fixture.NewCooperativeAsync();
        using var client = fixture.Client(coop?.AdminKey);

        var response = await client.PostAsJsonAsync("/api/cooperatives", new { name = "Koperasi Liar", simpananPokokAmount = 1, simpananWajibAmount = 1 });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CreateCooperative_PlatformAdminKey_Answers201WithAWorkingAdminKey()
    {
        using var platform = fixture.Client(ApiFixture.PlatformAdminKey);

        var response = await platform.PostAsJsonAsync("/api/cooperatives",
            new { name = "Koperasi Sedana Artha", timeZone = "Asia/Jayapura", simpananPokokAmount = 100_000, simpananWajibAmount = 25_000 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var admin = fixture.Client(created.GetProperty("adminApiKey").GetString());
        var cooperative = await admin.GetFromJsonAsync<JsonElement>("/api/cooperative");
        Assert.Equal(created.GetProperty("id").GetString(), cooperative.GetProperty("id").GetString());
        Assert.Equal("Asia/Jayapura", cooperative.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task CreateCooperative_NoTimeZone_DefaultsToAsiaMakassar()
    {
        using var platform = fixture.Client(ApiFixture.PlatformAdminKey);

        var response = await platform.PostAsJsonAsync("/api/cooperatives", new { name = "Koperasi Tanpa Zona", simpananPokokAmount = 0, simpananWajibAmount = 0 });

        Assert.Equal("Asia/Makassar", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("{\"name\": \"K\", \"timeZone\": \"Mars/Olympus\", \"simpananPokokAmount\": 1, \"simpananWajibAmount\": 1}", "timeZone")]
    [InlineData("{\"name\": \"K\", \"simpananPokokAmount\": -1, \"simpananWajibAmount\": 1}", "simpananPokokAmount")]
    [InlineData("{\"name\": \"K\", \"simpananPokokAmount\": 1, \"simpananWajibAmount\": \"1\"}", "simpananWajibAmount")]
    [InlineData("{\"simpananPokokAmount\": 1, \"simpananWajibAmount\": 1}", "name")]
    public async Task CreateCooperative_InvalidBody_Answers400NamingTheField(string body, string field)
    {
        using var platform = fixture.Client(ApiFixture.PlatformAdminKey);

        var response = await platform.PostAsync("/api/cooperatives", TransactionJson.Content(body));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task GetMember_AnotherCooperativesMember_Answers404()
    {
        var owner = await fixture.NewCooperativeAsync();
        var other = await fixture.NewCooperativeAsync();
        await owner.AddMemberAsync("M-7", "Ni Luh Putu Sari");

        var response = await other.Admin.GetAsync("/api/members/M-7");

        var text = await response.Content.ReadAsStringAsync();
        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "member_not_found");
        Assert.DoesNotContain("Ni Luh", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateMember_AnotherCooperativesMember_Answers404AndChangesNothing()
    {
        var owner = await fixture.NewCooperativeAsync();
        var other = await fixture.NewCooperativeAsync();
        await owner.AddMemberAsync("M-7", "Ni Luh Putu Sari");

        var response = await other.Admin.PutAsJsonAsync("/api/members/M-7", new { name = "Diganti" });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "member_not_found");
        var member = await owner.Admin.GetFromJsonAsync<JsonElement>("/api/members/M-7");
        Assert.Equal("Ni Luh Putu Sari", member.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ListMembers_TwoCooperatives_SeeOnlyTheirOwn()
    {
        var owner = await fixture.NewCooperativeAsync();
        var other = await fixture.NewCooperativeAsync();
        await owner.AddMemberAsync("M-7");

        var page = await other.Admin.GetFromJsonAsync<JsonElement>("/api/members");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task GetTransaction_AnotherCooperativesTransaction_Answers404()
    {
        var owner = await fixture.NewCooperativeAsync();
        var other = await fixture.NewCooperativeAsync();
        await owner.AddMemberAsync("M-7");
        var posted = await owner.Admin.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Valid("t-secret", "M-7").ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var response = await other.Admin.GetAsync("/api/transactions/t-secret");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "transaction_not_found");
    }

    [Fact]
    public async Task GetTransaction_OwnTransaction_AnswersItsStatus()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("M-7");
        await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Valid("t-mine", "M-7").ToJsonString()));

        var status = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/transactions/t-mine");

        Assert.Equal("t-mine", status.GetProperty("id").GetString());
        Assert.Equal("M-7", status.GetProperty("memberId").GetString());
        Assert.Equal(25_000, status.GetProperty("amount").GetInt64());
        Assert.Contains(status.GetProperty("status").GetString(), new[] { "queued", "posted", "rejected" });
    }
}
