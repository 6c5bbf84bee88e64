using System.Net.Http.Json;
using System.Text.Json;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Steps the statement tests share: post a transaction and wait for it, wait for a run to finish.</summary>
public static class StatementSteps
{
    public static async Task<string> PostAsync(TestCooperative coop, string memberId, string kind, string account, long amount, string occurredAt, string? reference = null)
    {
        var id = Postings.NewId();
        var response = await coop.Admin.PostAsJsonAsync("/api/transactions", new { id, memberId, kind, account, amount, occurredAt, reference });
        response.EnsureSuccessStatusCode();
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, id);
        Assert.Equal("posted", status.GetProperty("status").GetString());
        return id;
    }

    /// <summary>Polls the run's progress until nothing is pending or sending.</summary>
    public static async Task<JsonElement> WaitForRunAsync(TestCooperative coop, string period, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var progress = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/statements/{period}");
            if (progress.GetProperty("fannedOut").GetBoolean() && progress.GetProperty("pending").GetInt32() == 0 && progress.GetProperty("sending").GetInt32() == 0)
            {
                return progress;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"statement run {period} still has work: {progress}");
            }
            await Task.Delay(100);
        }
    }
}
