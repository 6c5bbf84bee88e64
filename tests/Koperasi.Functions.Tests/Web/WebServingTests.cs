using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Web;

namespace Koperasi.Functions.Tests.Web;

/// <summary>The page as the app serves it over real HTTP: headers, caching, compression, the session route, CORS closed.</summary>
[Collection(WebCollection.Name)]
public sealed partial class WebServingTests(WebFixture fixture)
{
    [Fact]
    public async Task Root_Get_ServesIndexHtmlUncachedWithStrictSecurityHeaders()
    {
        using var client = fixture.Client();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        AssertSecurityHeaders(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"id\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]+</script>|<style|\\sstyle=|\\son[a-z]+=\"", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task HashedFiles_NamedByIndex_AreCachedForAYearAndNamedByTheirContent()
    {
        using var client = fixture.Client();
        var html = await client.GetStringAsync("/");
        var names = HashedReference().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(3, names.Count); // app.css, app.js, icon.svg

        foreach (var name in names)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + name);
            request.Headers.AcceptEncoding.Clear();
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(WebAssetResult.ImmutableCache, string.Join(", ", response.Headers.GetValues("Cache-Control")));
            AssertSecurityHeaders(response);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..10];
            Assert.Contains("." + hash + ".", name, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Script_AcceptEncoding_IsCompressedAndDecompressesToThePlainFile(string coding)
    {
        using var client = fixture.Client();
        var html = await client.GetStringAsync("/");
        var script = HashedReference().Matches(html).Select(m => m.Groups[1].Value).Single(n => n.EndsWith(".js", StringComparison.Ordinal));
        var plain = await client.GetByteArrayAsync("/" + script);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));

        var response = await client.SendAsync(request);

        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 2, $"{coding}: {compressed.Length} of {plain.Length} bytes");
        using var input = new MemoryStream(compressed);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await decoder.CopyToAsync(output);
        Assert.Equal(plain, output.ToArray());
    }

    [Fact]
    public async Task Index_IfNoneMatchCurrentETag_Answers304WithoutBody()
    {
        using var client = fixture.Client();
        var first = await client.GetAsync("/");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(etag);

        var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ServiceWorker_Get_IsRevalidatedAndPrecachesExactlyTheHashedFiles()
    {
        using var client = fixture.Client();
        var html = await client.GetStringAsync("/");
        var response = await client.GetAsync("/sw.js");

        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("{{", script, StringComparison.Ordinal);
        foreach (var name in HashedReference().Matches(html).Select(m => m.Groups[1].Value))
        {
            Assert.Contains($"'/{name}'", script, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/app.js")]          // the source name is never served: only its hashed name
    [InlineData("/nope.html")]
    [InlineData("/api")]
    public async Task UnknownFile_Get_Is404Problem(string path)
    {
        using var client = fixture.Client();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Api_RequestFromAnotherOrigin_GetsNoCorsHeaders()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/members");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var cross = new HttpRequestMessage(HttpMethod.Get, "/api/cooperative");
        cross.Headers.Add("Origin", "https://evil.example");

        var answers = new[] { await coop.Admin.SendAsync(preflight), await coop.Admin.SendAsync(cross) };

        Assert.NotEqual(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.All(answers, a => Assert.DoesNotContain(a.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("teller")]
    [InlineData("admin")]
    public async Task Session_AnyRole_AnswersTheRoleAndTheCooperative(string role)
    {
        var coop = await fixture.NewCooperativeAsync();
        using var client = role == "admin" ? fixture.Client(coop.AdminKey) : await coop.ClientWithRoleAsync(role);

        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal(role, session.GetProperty("role").GetString());
        Assert.Equal(coop.Id, session.GetProperty("cooperative").GetProperty("id").GetString());
        Assert.Equal("Asia/Makassar", session.GetProperty("cooperative").GetProperty("timeZone").GetString());
    }

    [Fact]
    public void Assets_PlaceholdersInFixedFiles_AreReplacedByHashedNames()
    {
        var assets = new WebAssets(new Dictionary<string, byte[]>
        {
            ["index.html"] = Encoding.UTF8.GetBytes("<link href=\"{{a.css}}\"><script src=\"{{b.js}}\"></script>"),
            ["sw.js"] = Encoding.UTF8.GetBytes("const V='{{version}}'; const P=[{{precache}}];"),
            ["a.css"] = Encoding.UTF8.GetBytes("body{}"),
            ["b.js"] = Encoding.UTF8.GetBytes("1"),
        });

        var css = assets.All.Single(a => a.Name.StartsWith("a.", StringComparison.Ordinal)).Name;
        var js = assets.All.Single(a => a.Name.StartsWith("b.", StringComparison.Ordinal)).Name;
        Assert.Equal($"<link href=\"/{css}\"><script src=\"/{js}\"></script>", Encoding.UTF8.GetString(assets.Find("")!.Plain));
        Assert.Equal($"const V='{assets.Version}'; const P=['/{css}', '/{js}'];", Encoding.UTF8.GetString(assets.Find("sw.js")!.Plain));
        Assert.Null(assets.Find("a.css"));
        Assert.True(assets.Find(css)!.Immutable);
        Assert.False(assets.Find("index.html")!.Immutable);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("https?:|\\*", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [GeneratedRegex("(?:src|href)=\"/([a-z]+\\.[0-9a-f]{10}\\.[a-z]+)\"")]
    private static partial Regex HashedReference();
}
