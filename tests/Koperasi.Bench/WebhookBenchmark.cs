using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Koperasi.Bench;

/// <summary>
/// Standard Webhooks payment notifications, signed as a provider signs them, over real HTTP through the LocalHost:
/// how many per second and how long each call takes (a provider wants its answer within seconds).
/// </summary>
public sealed class WebhookBenchmark(Uri baseAddress, string cooperativeId, string key, int concurrency)
{
    public const string Provider = "bench";
    private readonly byte[] secret = RandomNumberGenerator.GetBytes(32);
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };

    public async Task SetUpAsync(IReadOnlyList<string> members)
    {
        await SendAsync(HttpMethod.Put, $"/api/providers/standard-webhooks/{Provider}", new { secret = "whsec_" + Convert.ToBase64String(secret) });
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (member, _) =>
            await SendAsync(HttpMethod.Post, $"/api/members/{member}/payment-references",
                new { provider = "standard:" + Provider, reference = "VA-" + member, account = "simpanan_sukarela" }));
    }

    public async Task<IntakeMeasurement> RunAsync(IReadOnlyList<string> members, int count, Random random)
    {
        var events = Enumerable.Range(0, count).Select(i => (Id: $"msg_{Guid.NewGuid():N}", Body: JsonSerializer.Serialize(new
        {
            type = "payment.succeeded",
            data = new { paymentId = $"pay_{i:D6}_{random.Next():x}", reference = "VA-" + members[random.Next(members.Count)], amount = random.Next(1, 100) * 1_000, paidAt = "2026-11-20T10:00:00+08:00" },
        }))).ToList();
        var latencies = new TimeSpan[count];
        var refused = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var (id, body) = events[i];
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/standard/{cooperativeId}/{Provider}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp);
            request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
            var sent = Stopwatch.GetTimestamp();
            var response = await http.SendAsync(request, ct);
            latencies[i] = Stopwatch.GetElapsedTime(sent);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref refused);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new IntakeMeasurement(count / elapsed.TotalSeconds, double.NaN, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), refused);
    }

    private async Task SendAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
