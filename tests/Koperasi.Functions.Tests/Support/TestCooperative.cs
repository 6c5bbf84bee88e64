using System.Net.Http.Json;

namespace Koperasi.Functions.Tests.Support;

/// <summary>A cooperative registered for one test, with an admin client.</summary>
public sealed record TestCooperative(string Id, string AdminKey, HttpClient Admin, ApiFixture Fixture)
{
    public async Task AddMemberAsync(string id, string name = "Anggota Uji", string? email = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/members", new { id, name, email });
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var response = await Admin.PostAsJsonAsync("/api/keys", new { name = role + " key", role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return Fixture.Client(body.GetProperty("key").GetString());
    }
}
