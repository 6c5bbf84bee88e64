using System.Text.Json.Nodes;
using Koperasi.Testing;

namespace Koperasi.Functions.Tests.Infra;

/// <summary>
/// The compiled ARM template of infra/main.bicep (.local/infra/main.json, written by scripts/check-infra.sh),
/// with the resources of every nested module deployment flattened into one list.
/// </summary>
internal sealed class ArmTemplate
{
    public static readonly string Path = RepoPaths.Combine(".local", "infra", "main.json");

    private static readonly Lazy<ArmTemplate> Compiled = new(() => new ArmTemplate(File.ReadAllText(Path)));

    private ArmTemplate(string text)
    {
        Text = text;
        Root = JsonNode.Parse(text)!.AsObject();
        Resources = [.. Flatten(Root, "main")];
    }

    public string Text { get; }

    public JsonObject Root { get; }

    /// <summary>Every resource, with the name of the module deployment that holds it ("main" for the top level).</summary>
    public IReadOnlyList<(string Module, JsonObject Resource)> Resources { get; }

    public static ArmTemplate Load()
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"{Path} is missing: run scripts/check-infra.sh to compile infra/main.bicep (./test.sh runs it before the tests).");
        }
        return Compiled.Value;
    }

    public IReadOnlyList<JsonObject> OfType(string type) =>
        [.. Resources.Where(r => string.Equals((string?)r.Resource["type"], type, StringComparison.OrdinalIgnoreCase)).Select(r => r.Resource)];

    public JsonObject Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"expected one {type} in the template, found {found.Count}");
        return found[0];
    }

    /// <summary>The value main.bicep passes to a module parameter (an ARM expression string).</summary>
    public string ModuleParameter(string module, string parameter)
    {
        var deployment = Resources.Single(r => (string?)r.Resource["type"] == "Microsoft.Resources/deployments" && (string?)r.Resource["name"] == module).Resource;
        return deployment["properties"]!["parameters"]![parameter]!["value"]!.ToString();
    }

    private static IEnumerable<(string, JsonObject)> Flatten(JsonObject template, string module)
    {
        var resources = template["resources"] as JsonArray
            ?? throw new InvalidOperationException($"module '{module}' has no resources array (symbolic-name templates are not supported here)");
        foreach (var resource in resources.Select(r => r!.AsObject()))
        {
            yield return (module, resource);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Flatten(nested, (string)resource["name"]!))
                {
                    yield return inner;
                }
            }
        }
    }
}
