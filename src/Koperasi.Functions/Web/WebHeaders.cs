using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Web;

/// <summary>
/// The headers every answer of the page carries: a strict Content-Security-Policy (this origin only, no inline
/// script or style, no framing), no MIME sniffing, no referrer. The API itself stays same-origin: no CORS headers.
/// </summary>
public static class WebHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; " +
        "worker-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
        response.Headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }
}
