using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Koperasi.Bench;

/// <summary>
/// Moving in: members' opening balances imported from one CSV (through the imports queue), in members per second,
/// against posting the same balances as deposits through <c>POST /api/transactions</c> batches of 500 (through the
/// transactions queue), both over real HTTP to one LocalHost, each until its trial balance shows every rupiah.
/// </summary>
public sealed class ImportBenchmark(int members, Action<string> say)
{
    private const int BatchSize = 500;

    public async Task<IReadOnlyList<Figure>> RunAsync(string connection)
    {
        await using var host = new LocalHostProcess(connection, "imports");
        await host.StartAsync();
        using var platform = Client(host.BaseAddress, LocalHostProcess.PlatformAdminKey);
        var ids = Enumerable.Range(1, members).Select(i => $"B{i:D5}").ToList();
        var amounts = ids.Select((id, i) => (Id: id, Wajib: 25_000L * (1 + i % 40), Sukarela: 10_000L * (1 + i % 300))).ToList();
        var total = amounts.Sum(a => 100_000 + a.Wajib + a.Sukarela);
        var membersCsv = "Nomor Anggota;Nama\n" + string.Concat(ids.Select(id => $"{id};Anggota {id}\n"));

        using var imported = await NewCooperativeAsync(platform, host.BaseAddress, membersCsv);
        var balances = "Nomor Anggota;Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela\n" +
            string.Concat(amounts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Id};100.000;{a.Wajib};{a.Sukarela}\n")));
        var started = Stopwatch.GetTimestamp();
        await ImportAsync(imported, "/api/imports/opening-balances?asOf=" + DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), balances);
        await UntilPostedAsync(imported, total);
        var importTime = Stopwatch.GetElapsedTime(started);

        using var posted = await NewCooperativeAsync(platform, host.BaseAddress, membersCsv);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture);
        var items = amounts.SelectMany(a => new[] { ("simpanan_pokok", 100_000L), ("simpanan_wajib", a.Wajib), ("simpanan_sukarela", a.Sukarela) }
            .Select(x => new { id = $"ob-{a.Id}-{x.Item1}", memberId = a.Id, kind = "deposit", account = x.Item1, amount = x.Item2, occurredAt = at })).ToList();
        started = Stopwatch.GetTimestamp();
        foreach (var batch in items.Chunk(BatchSize))
        {
            (await posted.PostAsJsonAsync("/api/transactions", batch)).EnsureSuccessStatusCode();
        }
        await UntilPostedAsync(posted, total);
        var batchTime = Stopwatch.GetElapsedTime(started);

        var importRate = members / importTime.TotalSeconds;
        var batchRate = members / batchTime.TotalSeconds;
        say($"bench: {members} members' opening balances imported in {importTime.TotalSeconds:0.0} s; as {items.Count} deposits in batches of {BatchSize} in {batchTime.TotalSeconds:0.0} s");
        return
        [
            new Figure($"opening balances imported from CSV, {members:N0} members (3 accounts each)", Stats.PerSecond(importRate), $"{Stats.PerSecond(batchRate)} as POST /api/transactions batches",
                importRate / batchRate, "—", null),
        ];
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<HttpClient> NewCooperativeAsync(HttpClient platform, Uri baseAddress, string membersCsv)
    {
        var response = await platform.PostAsJsonAsync("/api/cooperatives", new { name = "Koperasi Pindahan", timeZone = "Asia/Makassar", simpananPokokAmount = 100_000, simpananWajibAmount = 25_000 });
        response.EnsureSuccessStatusCode();
        var admin = Client(baseAddress, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adminApiKey").GetString()!);
        await ImportAsync(admin, "/api/imports/members", membersCsv);
        return admin;
    }

    private static async Task ImportAsync(HttpClient admin, string path, string csv)
    {
        var response = await admin.PostAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        }
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
        var until = DateTime.UtcNow.AddMinutes(15);
        while ((await admin.GetFromJsonAsync<JsonElement>($"/api/imports/{id}")).GetProperty("status").GetString() is not ("completed" or "failed"))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"import {id} did not finish");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Until the trial balance's savings credits reach the expected total (the condition, polled).</summary>
    private static async Task UntilPostedAsync(HttpClient admin, long total)
    {
        var until = DateTime.UtcNow.AddMinutes(15);
        while (true)
        {
            var trial = await admin.GetFromJsonAsync<JsonElement>("/api/ledger/trial-balance");
            var credited = trial.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("code").GetString()!.StartsWith("simpanan_", StringComparison.Ordinal))
                .Sum(a => a.GetProperty("balance").GetInt64());
            if (credited == total)
            {
                return;
            }
            if (credited > total || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"the ledger holds {credited} of {total} in savings");
            }
            await Task.Delay(100);
        }
    }
}
