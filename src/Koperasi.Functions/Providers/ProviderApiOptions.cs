namespace Koperasi.Functions.Providers;

/// <summary>Where one provider's API is (<c>Providers:{Midtrans|Xendit}:ApiBaseUrl</c>).</summary>
public sealed class ProviderApiOptions
{
    public string ApiBaseUrl { get; set; } = "";

    public Uri BaseAddress => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/");

    public bool IsValid() =>
        Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
