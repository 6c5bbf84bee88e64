using System.Text.RegularExpressions;
using Koperasi.LocalHost;
using Koperasi.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Koperasi.Functions.Tests.Support;

/// <summary>The repository's openapi.yaml, read with Microsoft.OpenApi, and the routes the LocalHost serves, both as "METHOD /path".</summary>
public static partial class OpenApiContract
{
    private static readonly Lazy<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> Loaded = new(Load);

    public static OpenApiDocument Document => Loaded.Value.Document;

    public static OpenApiDiagnostic Diagnostic => Loaded.Value.Diagnostic;

    /// <summary>Every (method, path) the document describes, e.g. "DELETE /api/keys/{id}".</summary>
    public static IReadOnlyList<string> DocumentedRoutes() =>
        Document.Paths
            .SelectMany(p => (p.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()).Keys.Select(m => Route(m.Method, p.Key)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every (method, path) the LocalHost maps, with the route prefix of host.json and route constraints dropped.</summary>
    public static IReadOnlyList<string> ServedRoutes()
    {
        var prefix = HostSettings.Load(RepoPaths.Combine("host.json")).RoutePrefix;
        return LocalFunctionsHost.Functions
            .Where(f => f.Kind == FunctionKind.Http)
            .SelectMany(f => HttpFunctionRoutes.Methods(f).Select(m => Route(m, RouteParameter().Replace(HttpFunctionRoutes.Pattern(f, prefix), "{$1}"))))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static OpenApiOperation Operation(string route)
    {
        var (method, path) = Split(route);
        return Document.Paths[path].Operations![new HttpMethod(method)];
    }

    public static (string Method, string Path) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (route[..space], route[(space + 1)..]);
    }

    private static string Route(string method, string path) => $"{method.ToUpperInvariant()} {path}";

    private static (OpenApiDocument, OpenApiDiagnostic) Load()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = File.OpenRead(RepoPaths.Combine("openapi.yaml"));
        var (document, diagnostic) = OpenApiDocument.Load(ToMemory(stream), "yaml", settings);
        return (document ?? throw new InvalidOperationException("openapi.yaml could not be read: " +
            string.Join("; ", diagnostic?.Errors.Select(e => e.ToString()) ?? [])), diagnostic!);
    }

    private static MemoryStream ToMemory(Stream stream)
    {
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    // "{id:int}" or "{id?}" in a function route is "{id}" in the document.
    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
