using System.Net;
using Koperasi.Functions.Tests.Support;
using Koperasi.Testing;

namespace Koperasi.Functions.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Health_StorageReachable_Answers200WithoutKey()
    {
        using var client = fixture.Client();
        var response = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_StorageUnreachable_Answers503Problem()
    {
        // A port that nothing listens on: Azurite started and stopped again.
        var dead = await AzuriteProcess.StartAsync();
        var connection = dead.ConnectionString;
        await dead.DisposeAsync();
        var (host, baseAddress) = await ApiFixture.StartHostAsync(connection);
        try
        {
            using var client = new HttpClient { BaseAddress = baseAddress };
            var response = await client.GetAsync("/api/health");
            await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage_unreachable");
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }
}
