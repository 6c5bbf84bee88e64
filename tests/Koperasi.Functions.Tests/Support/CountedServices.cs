using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Support;

/// <summary>The app's own services against the fixture's Azurite, with a policy that sees every storage request they make.</summary>
public static class CountedServices
{
    public static ServiceProvider Build(ApiFixture fixture, params HttpPipelinePolicy[] policies)
    {
        var services = new ServiceCollection().AddLogging();
        foreach (var policy in policies)
        {
            services.AddSingleton(policy);
        }
        return services.AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(ApiFixture.Settings(fixture.Azurite.ConnectionString)).Build())
            .BuildServiceProvider();
    }
}
