using Koperasi.Functions.Storage;
using Koperasi.LocalHost;
using Koperasi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Tests.Ledger;

public sealed class QueueSettingsTests
{
    [Fact]
    public void MaxDequeueCount_TheAppsDefault_MatchesHostJson()
    {
        var host = HostSettings.Load(RepoPaths.Combine("host.json"));
        var options = new ServiceCollection().AddLogging()
            .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build())
            .BuildServiceProvider().GetRequiredService<IOptions<QueueOptions>>().Value;

        Assert.Equal(host.Queues.MaxDequeueCount, options.MaxDequeueCount);
    }

    [Fact]
    public void MaxDequeueCount_OverriddenLikeTheFunctionsHost_IsSeenByTheApp()
    {
        var options = new ServiceCollection().AddLogging()
            .AddKoperasi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
            }).Build())
            .BuildServiceProvider().GetRequiredService<IOptions<QueueOptions>>().Value;

        Assert.Equal(2, options.MaxDequeueCount);
    }
}
