namespace Koperasi.Functions.Web;

/// <summary>
/// One file of the page as served: its public name (hashed for the immutable ones), its bytes plain and compressed,
/// its entity tag and whether browsers may keep it for a year.
/// </summary>
public sealed record WebAsset(string Name, string ContentType, byte[] Plain, byte[] Gzip, byte[] Brotli, string ETag, bool Immutable);
