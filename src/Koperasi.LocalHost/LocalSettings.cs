using System.Text.Json.Nodes;

namespace Koperasi.LocalHost;

/// <summary>Reads local.settings.json <c>Values</c> as the Functions host does: <c>__</c> in a name means a section (<c>:</c>).</summary>
public static class LocalSettings
{
    /// <summary>
    /// The settings of a local run: the file named by <c>LocalHost:SettingsFile</c> alone, or else
    /// local.settings.sample.json with local.settings.json over it (found from <paramref name="directory"/> upwards),
    /// so that a setting added to the sample later still reaches an older local copy.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Layered(string? explicitFile, string directory)
    {
        var files = explicitFile is not null
            ? [explicitFile]
            : new[] { FindUp("local.settings.sample.json", directory), FindUp("local.settings.json", directory) }.OfType<string>();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in files.SelectMany(Read))
        {
            settings[name] = value;
        }
        return settings;
    }

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

    private static string? FindUp(string fileName, string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
