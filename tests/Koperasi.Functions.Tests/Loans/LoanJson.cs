using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>Bodies and steps for the loans API tests: a valid product and application, changed field by field.</summary>
public static class LoanJson
{
    /// <summary>DOMAIN.md's example product: flat 1,5% a month, 1% admin fee, whole rupiah, denda 0,1% a day after 2 days.</summary>
    public static JsonObject Product(string method = "flat", int maxActive = 0) => new()
    {
        ["name"] = "Pinjaman Umum",
        ["interestMethod"] = method,
        ["monthlyRateBps"] = 150,
        ["termMonthsMin"] = 3,
        ["termMonthsMax"] = 24,
        ["principalMin"] = 1_000_000,
        ["principalMax"] = 50_000_000,
        ["adminFeeBps"] = 100,
        ["roundTo"] = 1,
        ["penaltyBpsPerDay"] = 10,
        ["penaltyGraceDays"] = 2,
        ["maxActiveLoansPerMember"] = maxActive > 0 ? maxActive : null,
    };

    public static JsonObject Application(string id, string memberId, string productCode = "UMUM", long principal = 10_000_000, int termMonths = 12) => new()
    {
        ["id"] = id,
        ["memberId"] = memberId,
        ["productCode"] = productCode,
        ["principal"] = principal,
        ["termMonths"] = termMonths,
    };

    /// <summary>A valid body with one field set to raw JSON, or removed when <paramref name="json"/> is null.</summary>
    public static string With(JsonObject body, string field, string? json)
    {
        body.Remove(field);
        if (json is not null)
        {
            body[field] = JsonNode.Parse(json);
        }
        return body.ToJsonString();
    }

    public static async Task PutProductAsync(TestCooperative coop, string code = "UMUM", JsonObject? product = null)
    {
        var response = await coop.Admin.PutAsync($"/api/loan-products/{code}", TransactionJson.Content((product ?? Product()).ToJsonString()));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> SubmitAsync(HttpClient client, JsonObject application)
    {
        var response = await client.PostAsync("/api/loans", TransactionJson.Content(application.ToJsonString()));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
