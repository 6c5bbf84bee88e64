using System.Text.Json.Nodes;

namespace Koperasi.WorkerHost.Tests;

/// <summary>What the worker declared over the protocol, against the SDK-generated functions.metadata and the host's needs.</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class WorkerMetadataTests(WorkerHostFixture fixture)
{
    [Fact]
    public void Functions_IndexedByWorker_MatchFunctionsMetadataWithTheirBindings()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkerHostFixture.AppDirectory, "functions.metadata")))!.AsArray();
        var expected = file.Select(f => Describe(f!["name"]!.GetValue<string>(), f["entryPoint"]!.GetValue<string>(), f["bindings"]!.AsArray().Select(b => b!.AsObject())))
            .Order(StringComparer.Ordinal).ToList();
        var actual = fixture.Host.Functions.Select(f => Describe(f.Name, f.EntryPoint, f.Bindings.Select(b => b.Raw)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e, a);
        }
        Assert.All(fixture.Host.Functions, f => Assert.False(string.IsNullOrEmpty(f.FunctionId)));
    }

    [Fact]
    public void Capabilities_OfPublishedWorker_IncludeHttpProxyingOnLoopback()
    {
        var httpUri = new Uri(fixture.Host.WorkerCapabilities["HttpUri"]);
        Assert.True(httpUri.IsLoopback, httpUri.ToString());
        Assert.Equal(bool.TrueString, fixture.Host.WorkerCapabilities["RpcHttpBodyOnly"]);
        Assert.StartsWith(".NET", fixture.Host.WorkerMetadata!.RuntimeName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OfPublishedWorker_TakesLessThanTheHostsTimeout()
    {
        // The Functions host gives a worker 60 s to initialise; a start near that would fail in Azure first.
        Assert.True(fixture.StartTime < TimeSpan.FromSeconds(30), $"the worker took {fixture.StartTime.TotalSeconds:0.0} s to load its functions");
        using var client = fixture.Client();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/no-such-route")).StatusCode);
    }

    private static string Describe(string name, string entryPoint, IEnumerable<JsonObject> bindings) =>
        $"{name} {entryPoint} " + string.Join(" ", bindings.Select(b => Canonical(b)!.ToJsonString()).Order(StringComparer.Ordinal));

    /// <summary>
    /// The same JSON with object keys in order and empty objects left out: the worker indexes with its source-generated
    /// metadata provider, which writes a binding's keys in its own order and omits an empty <c>properties</c>.
    /// </summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not JsonObject { Count: 0 }).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
