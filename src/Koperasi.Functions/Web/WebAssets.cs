using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Koperasi.Functions.Web;

/// <summary>
/// The treasurer's page, read once from the files embedded in this assembly (Web/wwwroot). The styles, the script
/// and the icon are served under names carrying a hash of their content (<c>app.1a2b3c4d5e.js</c>) and cached for a
/// year; <c>index.html</c>, the service worker and the manifest keep their names, are revalidated on every load and
/// name the hashed files, so a deploy is picked up on the next load and never mixes old and new files. Each file is
/// compressed once here (gzip and Brotli), not per request.
/// </summary>
public sealed class WebAssets
{
    public const string ResourcePrefix = "web/";

    /// <summary>Files whose names stay as they are: the page itself, and the files a browser asks for by a fixed name.</summary>
    private static readonly HashSet<string> FixedNames = new(StringComparer.Ordinal) { "index.html", "sw.js", "manifest.webmanifest" };

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".webmanifest"] = "application/manifest+json; charset=utf-8",
    };

    private readonly Dictionary<string, WebAsset> byName;

    public WebAssets()
        : this(ReadEmbedded(typeof(WebAssets).Assembly))
    {
    }

    /// <summary>Builds the served set from source files by name (tests pass their own).</summary>
    public WebAssets(IReadOnlyDictionary<string, byte[]> sources)
    {
        // The hashed files first: the fixed ones name them through {{name}} placeholders.
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var assets = new List<WebAsset>();
        foreach (var (name, bytes) in sources.Where(s => !FixedNames.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var hash = Hash(bytes);
            var hashed = $"{Path.GetFileNameWithoutExtension(name)}.{hash[..10]}{Path.GetExtension(name)}";
            renames[name] = hashed;
            assets.Add(Build(hashed, name, bytes, hash, immutable: true));
        }
        var version = Hash(Encoding.UTF8.GetBytes(string.Join("|", renames.Values.Order(StringComparer.Ordinal))))[..10];
        foreach (var (name, bytes) in sources.Where(s => FixedNames.Contains(s.Key)))
        {
            var text = Encoding.UTF8.GetString(bytes).Replace("{{version}}", version, StringComparison.Ordinal)
                .Replace("{{precache}}", string.Join(", ", renames.Values.Order(StringComparer.Ordinal).Select(n => $"'/{n}'")), StringComparison.Ordinal);
            foreach (var (original, hashed) in renames)
            {
                text = text.Replace("{{" + original + "}}", "/" + hashed, StringComparison.Ordinal);
            }
            var served = Encoding.UTF8.GetBytes(text);
            assets.Add(Build(name, name, served, Hash(served), immutable: false));
        }
        byName = assets.ToDictionary(a => a.Name, StringComparer.Ordinal);
        Version = version;
    }

    /// <summary>A hash of the hashed files' names: changes whenever any of them changes (the service worker's cache name).</summary>
    public string Version { get; }

    public IReadOnlyCollection<WebAsset> All => byName.Values;

    /// <summary>The file for a request path's single segment; empty is <c>index.html</c>.</summary>
    public WebAsset? Find(string? file) => byName.GetValueOrDefault(string.IsNullOrEmpty(file) ? "index.html" : file);

    private static WebAsset Build(string name, string source, byte[] bytes, string hash, bool immutable) =>
        new(name, ContentTypes.GetValueOrDefault(Path.GetExtension(source), "application/octet-stream"), bytes,
            Compress(bytes, s => new GZipStream(s, CompressionLevel.SmallestSize)),
            Compress(bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize)),
            $"\"{hash[..16]}\"", immutable);

    private static Dictionary<string, byte[]> ReadEmbedded(Assembly assembly)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[ResourcePrefix.Length..]] = copy.ToArray();
        }
        return files;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(bytes);
        }
        return output.ToArray();
    }
}
