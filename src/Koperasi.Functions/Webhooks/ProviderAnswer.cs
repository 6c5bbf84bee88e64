using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Koperasi.Functions.Webhooks;

/// <summary>A provider API's answer, sorted into what the confirmation does with it (<see cref="ProviderAnswerStatus"/>).</summary>
public sealed record ProviderAnswer(ProviderAnswerStatus Status, JsonElement Body, string Detail)
{
    public static ProviderAnswer Unavailable(string detail) => new(ProviderAnswerStatus.Unavailable, default, detail);

    public static ProviderAnswer Refused(string detail) => new(ProviderAnswerStatus.Refused, default, detail);

    public static ProviderAnswer NotFound(string detail) => new(ProviderAnswerStatus.NotFound, default, detail);

    /// <summary>
    /// GETs <paramref name="path"/> as JSON with HTTP Basic (<paramref name="user"/> as user name, empty password, as both
    /// Midtrans and Xendit authenticate); transport errors and timeouts are <see cref="ProviderAnswerStatus.Unavailable"/>, never exceptions.
    /// </summary>
    public static async Task<ProviderAnswer> GetAsync(HttpClient http, string path, string user, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return NotFound("the provider answered 404");
            }
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                return Unavailable($"the provider answered {status}");
            }
            if (!response.IsSuccessStatusCode)
            {
                return Refused($"the provider answered {status} (check the API key)");
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            return new ProviderAnswer(ProviderAnswerStatus.Found, document.RootElement.Clone(), $"the provider answered {status}");
        }
        catch (HttpRequestException e)
        {
            return Unavailable("the provider could not be reached: " + e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable("the provider did not answer in time");
        }
        catch (JsonException)
        {
            return Unavailable("the provider's answer was not JSON");
        }
    }
}
