using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>Every list route over real HTTP: a continuation token it did not give out is a 400 problem, never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContinuationTokenTests(ApiFixture fixture)
{
    private static readonly string[] Routes =
        ["/api/members", "/api/keys", "/api/failures", "/api/payments/unmatched", "/api/members/T1/ledger", "/api/platform/failures"];

    public static TheoryData<string> ListRoutes() => new(Routes);

    /// <summary>Malformed, oversized, or well-formed base64 of something no list gives out; the ledger's offsets too big or negative.</summary>
    public static IEnumerable<object[]> BadTokens() =>
        (from route in Routes
         from token in new[] { "not-a-token%%", new string('A', 5000), "x y z", Base64("a b c"), Base64("") + "!" }
         select new object[] { route, token })
        .Concat([["/api/members/T1/ledger", Base64("99999999999999999999")], ["/api/members/T1/ledger", Base64("-5")]]);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task List_ATokenItDidNotGiveOut_Is400(string route, string token)
    {
        var (client, _) = await ClientForAsync(route);

        var response = await client.GetAsync($"{route}?continuationToken={Uri.EscapeDataString(token)}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_continuation_token");
    }

    [Theory]
    [MemberData(nameof(ListRoutes))]
    public async Task List_TheTokenItGaveOut_ReadsTheNextPage(string route)
    {
        var (client, coop) = await ClientForAsync(route);
        await coop.AddMemberAsync("T2");
        await coop.AddMemberAsync("T3");
        await coop.ClientWithRoleAsync("reader");
        await StatementSteps.PostAsync(coop, "T1", "deposit", "simpanan_sukarela", 1_000, "2026-10-01T09:00:00+08:00");
        await StatementSteps.PostAsync(coop, "T1", "deposit", "simpanan_sukarela", 2_000, "2026-10-02T09:00:00+08:00");

        var first = await client.GetFromJsonAsync<JsonElement>($"{route}?limit=1");

        if (first.TryGetProperty("continuationToken", out var token) && token.ValueKind == JsonValueKind.String)
        {
            var next = await client.GetAsync($"{route}?limit=1&continuationToken={Uri.EscapeDataString(token.GetString()!)}");
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }
        else
        {
            Assert.True(first.GetProperty("items").GetArrayLength() <= 1, $"{route} answered more than one item without a token: {first}");
        }
    }

    private async Task<(HttpClient Client, TestCooperative Coop)> ClientForAsync(string route)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("T1");
        return (route.StartsWith("/api/platform/", StringComparison.Ordinal) ? fixture.Client(ApiFixture.PlatformAdminKey) : coop.Admin, coop);
    }
}
