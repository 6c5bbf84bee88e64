namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Xendit's read endpoints, with the cooperative's read-only secret API key as the HTTP Basic user name and an empty
/// password. A named client of the factory (a fresh HttpClient per call, pooled handlers): base address and timeout come from <c>Providers:Xendit</c>.
/// </summary>
public sealed class XenditApi(IHttpClientFactory factory)
{
    public const string ClientName = "xendit-api";

    public Task<ProviderAnswer> GetAsync(string path, string secretApiKey, CancellationToken cancellationToken = default) =>
        ProviderAnswer.GetAsync(factory.CreateClient(ClientName), path, secretApiKey, cancellationToken);
}
