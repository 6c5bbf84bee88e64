using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Koperasi.Functions.Web;

/// <summary>
/// One file of the page: Brotli or gzip when the browser takes it, 304 when its entity tag is still current;
/// hashed files are cached for a year, the rest revalidated on every load.
/// </summary>
public sealed class WebAssetResult(WebAsset asset) : IActionResult
{
    public const string ImmutableCache = "public, max-age=31536000, immutable";
    public const string RevalidateCache = "no-cache";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.CacheControl = asset.Immutable ? ImmutableCache : RevalidateCache;
        response.Headers.ETag = asset.ETag;
        response.Headers.Vary = "Accept-Encoding";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag || t.Trim() == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var (body, encoding) = Accepts(request, "br") ? (asset.Brotli, "br")
            : Accepts(request, "gzip") ? (asset.Gzip, "gzip")
            : (asset.Plain, null);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    /// <summary>Whether Accept-Encoding names the coding without <c>q=0</c>.</summary>
    public static bool Accepts(HttpRequest request, string coding) =>
        request.Headers.AcceptEncoding.SelectMany(v => (v ?? "").Split(','))
            .Select(part => part.Split(';', StringSplitOptions.TrimEntries))
            .Any(p => p[0].Equals(coding, StringComparison.OrdinalIgnoreCase) && !p.Skip(1).Any(q => q.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));
}
