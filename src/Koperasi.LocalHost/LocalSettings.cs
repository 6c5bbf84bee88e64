using System.Text.Json.Nodes;

namespace Koperasi.LocalHost;

/// <summary>Reads local.settings.json <c>Values</c> as the Functions host does: <c>__</c> in a name means a section (<c>:</c>).</summary>
public static class LocalSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }
        var values = JsonNode.Parse(File.ReadAllText(path))?["Values"]?.AsObject();
        foreach (var (name, value) in values ?? [])
        {
            yield return new(name.Replace("__", ":", StringComparison.Ordinal), value?.ToString());
        }
    }
}
