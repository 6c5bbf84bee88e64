using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Support;

/// <summary>The app's own services against the fixture's Azurite, with a policy that sees every storage request they make.</summary>
public static class CountedServices
{
    public static ServiceProvider Build(ApiFixture fixture, HttpPipelinePolicy policy) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(policy)
        .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(ApiFixture.Settings(fixture.Azurite.ConnectionString)).Build())
        .BuildServiceProvider();
}
