using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Books;

/// <summary>Bodies and reads for the books' routes: journal entries, lines, and the trial balance by account.</summary>
public static class BooksJson
{
    public static Dictionary<string, object?> Line(string account, long debit = 0, long credit = 0, string? memberId = null)
    {
        var line = new Dictionary<string, object?> { ["account"] = account };
        if (debit != 0)
        {
            line["debit"] = debit;
        }
        if (credit != 0)
        {
            line["credit"] = credit;
        }
        if (memberId is not null)
        {
            line["memberId"] = memberId;
        }
        return line;
    }

    public static object Entry(string id, string occurredAt, params Dictionary<string, object?>[] lines) =>
        new { id, occurredAt, description = "Entri " + id, lines };

    public static Task<HttpResponseMessage> PostAsync(TestCooperative coop, object entry) => coop.Admin.PostAsJsonAsync("/api/journal-entries", entry);

    /// <summary>Posts an entry that must be accepted; answers the entry.</summary>
    public static async Task<JsonElement> PostOkAsync(TestCooperative coop, object entry)
    {
        var response = await PostAsync(coop, entry);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The trial balance's accounts by code: (name, class, balance in the account's normal direction).</summary>
    public static async Task<Dictionary<string, (string Name, string Class, long Balance)>> TrialBalanceAsync(TestCooperative coop, string asOf)
    {
        var trial = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/ledger/trial-balance?asOf={asOf}");
        Assert.Equal(trial.GetProperty("totalDebit").GetInt64(), trial.GetProperty("totalCredit").GetInt64());
        return trial.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!,
            a => (a.GetProperty("name").GetString()!, a.GetProperty("class").GetString()!, a.GetProperty("balance").GetInt64()));
    }
}
