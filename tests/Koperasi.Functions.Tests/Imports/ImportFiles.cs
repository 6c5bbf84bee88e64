using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>Sends import files to the API and waits for an import to finish, as a treasurer's browser or script would.</summary>
public static class ImportFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string path, string csv, bool bom = false) =>
        PostAsync(client, path, (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv");

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync(path, content);
    }

    /// <summary>Polls GET /api/imports/{id} until it is completed or failed.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string id, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(6));
        while (true)
        {
            using var poll = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}", poll.Token);
            if (status.GetProperty("status").GetString() is "completed" or "failed")
            {
                return status;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"import {id} is still {status.GetProperty("status")}: {status}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Starts an import and waits for it: the answer's id must be there (202).</summary>
    public static async Task<JsonElement> ImportCsvAsync(HttpClient client, string path, string csv)
    {
        var response = await PostCsvAsync(client, path, csv);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return await WaitAsync(client, JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>The row errors of an answer as (row, column, message), by row then column.</summary>
    public static List<(int, string, string)> Errors(JsonElement errors) => errors.EnumerateArray()
        .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!))
        .OrderBy(e => e.Item1).ThenBy(e => e.Item2, StringComparer.Ordinal).ToList();

    /// <summary>Each account's balance in the trial balance as of a date.</summary>
    public static async Task<Dictionary<string, long>> TrialAsync(HttpClient client, string asOf)
    {
        var trial = await client.GetFromJsonAsync<JsonElement>($"/api/ledger/trial-balance?asOf={asOf}");
        return trial.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("balance").GetInt64());
    }
}
