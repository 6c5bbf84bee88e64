using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.LocalHost;

/// <summary>LocalHosts started, stopped and started again over one storage: what a restart leaves behind.</summary>
public static class LocalHostHarness
{
    public static async Task<WebApplication> StartAsync(string connectionString, IDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        (await ApiFixture.StartHostAsync(connectionString, settings, services)).Host;

    public static async Task StopAsync(WebApplication host)
    {
        await host.StopAsync();
        await host.DisposeAsync();
    }

    public static HttpClient Client(WebApplication host, string? bearer = ApiFixture.PlatformAdminKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = bearer is null ? null : new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>Registers a cooperative through the API and answers its id and admin key.</summary>
    public static async Task<(string Id, string AdminKey)> NewCooperativeAsync(WebApplication host)
    {
        using var platform = Client(host);
        var response = await platform.PostAsJsonAsync("/api/cooperatives",
            new { name = "Koperasi Restart", timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 50_000 });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("adminApiKey").GetString()!);
    }
}
