using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>Members over real HTTP: create, read, change, list page by page, and keep their Unicode names.</summary>
[Collection(ApiCollection.Name)]
public sealed class MembersTests(ApiFixture fixture)
{
    [Fact]
    public async Task CreateMember_Valid_Answers201WithLocationAndTheMember()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsJsonAsync("/api/members",
            new { id = "A-001", name = "I Wayan Sudarsana", email = "wayan@example.org", phone = "+6281234567890", joinedAt = "2020-01-15T08:00:00+08:00" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/members/A-001", response.Headers.Location?.ToString());
        var member = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A-001", member.GetProperty("id").GetString());
        Assert.Equal("wayan@example.org", member.GetProperty("email").GetString());
        Assert.Equal(DateTimeOffset.Parse("2020-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), member.GetProperty("joinedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task CreateMember_IdTaken_Answers409MemberExists()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-001");

        var response = await coop.Admin.PostAsJsonAsync("/api/members", new { id = "A-001", name = "Someone Else" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "member_exists");
    }

    [Theory]
    [InlineData("")]
    [InlineData("A 001")]
    [InlineData("A/001")]
    [InlineData("A.001")]
    [InlineData("Anggota-ñ")]
    [InlineData("123456789012345678901234567890123")]
    public async Task CreateMember_InvalidId_Answers400WithErrorsId(string id)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsJsonAsync("/api/members", new { id, name = "Made" });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "id");
    }

    [Theory]
    [InlineData("{\"id\": \"A-1\", \"name\": \"   \"}", "name")]
    [InlineData("{\"id\": \"A-1\"}", "name")]
    [InlineData("{\"id\": \"A-1\", \"name\": \"Made\", \"email\": \"not-an-email\"}", "email")]
    [InlineData("{\"id\": \"A-1\", \"name\": \"Made\", \"phone\": \"call me\"}", "phone")]
    [InlineData("{\"id\": \"A-1\", \"name\": \"Made\", \"joinedAt\": \"2020-01-15\"}", "joinedAt")]
    [InlineData("{\"id\": \"A-1\", \"name\": \"Made\", \"nik\": \"5171\"}", "nik")]
    public async Task CreateMember_InvalidField_Answers400NamingIt(string body, string field)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PostAsync("/api/members", TransactionJson.Content(body));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Theory]
    [InlineData("Ni Made Ayu Wiratni")]
    [InlineData("Đặng Thị Hương")]
    [InlineData("Ñoño Peña")]
    [InlineData("Siti 🌾 Aminah")]
    [InlineData("I Gusti Ngurah Rai ᬅᬓ᭄ᬱᬭ")]
    public async Task GetMember_UnicodeName_RoundTripsUnchanged(string name)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("U-1", name);

        var member = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/U-1");

        Assert.Equal(name, member.GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetMember_Unknown_Answers404MemberNotFound()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync("/api/members/NOBODY");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task UpdateMember_Existing_ChangesDetailsAndKeepsJoinedAt()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.Admin.PostAsJsonAsync("/api/members", new { id = "A-1", name = "Ketut", joinedAt = "2019-03-01T09:00:00+08:00" });

        var response = await coop.Admin.PutAsJsonAsync("/api/members/A-1", new { name = "Ketut Arsana", email = "ketut@example.org" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var member = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1");
        Assert.Equal("Ketut Arsana", member.GetProperty("name").GetString());
        Assert.Equal("ketut@example.org", member.GetProperty("email").GetString());
        Assert.Equal(DateTimeOffset.Parse("2019-03-01T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture), member.GetProperty("joinedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task UpdateMember_Unknown_Answers404AndCreatesNothing()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsJsonAsync("/api/members/NOBODY", new { name = "Ghost" });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "member_not_found");
        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/members/NOBODY"), HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task UpdateMember_ReaderKey_Answers403()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-1");
        using var reader = await coop.ClientWithRoleAsync("reader");

        var response = await reader.PutAsJsonAsync("/api/members/A-1", new { name = "Changed" });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ListMembers_MoreThanTheLimit_PagesThroughEveryMemberOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        var ids = Enumerable.Range(1, 7).Select(i => $"P-{i:D2}").ToList();
        foreach (var id in ids)
        {
            await coop.AddMemberAsync(id);
        }

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            var url = "/api/members?limit=3" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await coop.Admin.GetFromJsonAsync<JsonElement>(url);
            var items = page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
            seen.AddRange(items);
            pageSizes.Add(items.Count);
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null && pageSizes.Count < 10);

        Assert.Equal(ids, seen);
        Assert.Equal([3, 3, 1], pageSizes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("ten")]
    public async Task ListMembers_LimitOutOfRange_Answers400InvalidQuery(string limit)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync($"/api/members?limit={limit}");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "invalid_query", "limit");
    }
}
