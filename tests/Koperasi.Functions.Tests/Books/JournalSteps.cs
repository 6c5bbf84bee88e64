using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// Puts the report tests' cooperative-level journals where the treasurer would: through the general journal's route
/// (<c>POST /api/journal-entries</c>) and the year close (<c>POST /api/years/{yyyy}/close</c>), whose figures must equal
/// the test's own.
/// </summary>
public sealed class JournalSteps(TestCooperative coop)
{
    public async Task PostAsync(string id, DateOnly date, IReadOnlyList<JournalLine> lines)
    {
        var occurredAt = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00+08:00";
        var body = lines.Select(l => l.Debit > 0 ? (object)new { account = l.Account, debit = l.Debit } : new { account = l.Account, credit = l.Credit });
        var response = await coop.Admin.PostAsJsonAsync("/api/journal-entries", new { id, occurredAt, description = "Jurnal umum " + id, lines = body });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var entry = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entry.GetProperty("businessDate").GetString());
    }

    /// <summary>Closes the year and checks the close moved exactly the income and expenses the test expects.</summary>
    public async Task CloseYearAsync(int year, IReadOnlyDictionary<string, long> incomeByAccount, IReadOnlyDictionary<string, long> expenseByAccount)
    {
        var response = await coop.Admin.PostAsync($"/api/years/{year}/close", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var closing = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(incomeByAccount.Values.Sum(), closing.GetProperty("income").GetInt64());
        Assert.Equal(expenseByAccount.Values.Sum(), closing.GetProperty("expenses").GetInt64());
        Assert.Equal(incomeByAccount.Values.Sum() - expenseByAccount.Values.Sum(), closing.GetProperty("shu").GetInt64());
    }
}
