using System.Net.Http.Headers;
using System.Text;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Xendit's read endpoints, with the cooperative's read-only secret API key as the HTTP Basic user name and an empty
/// password. A named client of the factory (a fresh HttpClient per call, pooled handlers): base address and timeout come from <c>Providers:Xendit</c>.
/// </summary>
public sealed class XenditApi(IHttpClientFactory factory)
{
    public const string ClientName = "xendit-api";

    public async Task<ProviderAnswer> GetAsync(string path, string secretApiKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(secretApiKey + ":")));
        return await ProviderAnswer.GetAsync(factory.CreateClient(ClientName), request, cancellationToken);
    }
}
