using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Koperasi.Bench;

/// <summary>Calls the API over real HTTP the way a teller app would.</summary>
public sealed class BenchApi(Uri baseAddress)
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<(string Id, string Key)> CreateCooperativeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cooperatives")
        {
            Content = JsonContent.Create(new { name = "Koperasi Bench", timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 50_000 }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostProcess.PlatformAdminKey);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("adminApiKey").GetString()!);
    }

    public async Task AddMembersAsync(string key, IEnumerable<string> memberIds) =>
        await Parallel.ForEachAsync(memberIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            var response = await SendAsync(HttpMethod.Post, "/api/members", key, JsonSerializer.Serialize(new { id, name = "Anggota " + id, email = $"{id.ToLowerInvariant()}@example.test" }), ct);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                throw new InvalidOperationException($"creating member {id}: {(int)response.StatusCode}");
            }
        });

    /// <summary>
    /// A flat loan product (10,000,000 over 12 months at 1.50%, denda 0.10% a day) and one active loan per member
    /// (<see cref="Workload.LoanOf"/>): submitted, approved and disbursed over the API, disbursement posting through the ledger.
    /// </summary>
    public async Task ActiveLoansAsync(string key, IEnumerable<string> memberIds)
    {
        var product = JsonSerializer.Serialize(new
        {
            name = "Pinjaman Bench", interestMethod = "flat", monthlyRateBps = 150, termMonthsMin = 3, termMonthsMax = 24, principalMin = 1_000_000,
            principalMax = 50_000_000, adminFeeBps = 100, roundTo = 1, penaltyBpsPerDay = 10, penaltyGraceDays = 2,
        });
        (await SendAsync(HttpMethod.Put, "/api/loan-products/BENCH", key, product, default)).EnsureSuccessStatusCode();
        var disbursedAt = Workload.LoansDisbursedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(memberIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (member, ct) =>
        {
            var id = Workload.LoanOf(member);
            foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
            {
                (HttpMethod.Post, "/api/loans", JsonSerializer.Serialize(new { id, memberId = member, productCode = "BENCH", principal = 10_000_000, termMonths = 12 })),
                (HttpMethod.Post, $"/api/loans/{id}/approve", null),
                (HttpMethod.Post, $"/api/loans/{id}/disburse", JsonSerializer.Serialize(new { occurredAt = disbursedAt })),
            })
            {
                var response = await SendAsync(method, path, key, body, ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
        });
    }

    /// <summary>Posts one transaction; returns the status code and the latency.</summary>
    public async Task<(HttpStatusCode Status, TimeSpan Latency)> PostTransactionAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await SendAsync(HttpMethod.Post, "/api/transactions", key, json, cancellationToken);
        return (response.StatusCode, Stopwatch.GetElapsedTime(started));
    }

    public async Task<JsonElement> GetAsync(string key, string path)
    {
        var response = await SendAsync(HttpMethod.Get, path, key, null, default);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<Dictionary<string, int>> StorageRequestsAsync() =>
        await http.GetFromJsonAsync<Dictionary<string, int>>("/_localhost/storage-requests") ?? [];

    public Task ResetStorageRequestsAsync() => http.PostAsync("/_localhost/storage-requests/reset", null);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        var response = await http.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }
}
