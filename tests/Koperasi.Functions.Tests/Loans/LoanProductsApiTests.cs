using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>Loan products over real HTTP: create, replace, list, per-field validation, roles and tenant isolation.</summary>
[Collection(ApiCollection.Name)]
public sealed class LoanProductsApiTests(ApiFixture fixture)
{
    public static TheoryData<string, string?, string> BadFields => new()
    {
        { "name", null, "name" },
        { "name", "\"   \"", "name" },
        { "interestMethod", "\"bunga_flat\"", "interestMethod" },
        { "interestMethod", "\"Flat\"", "interestMethod" },
        { "monthlyRateBps", "1.5", "monthlyRateBps" },
        { "monthlyRateBps", "\"150\"", "monthlyRateBps" },
        { "monthlyRateBps", "-1", "monthlyRateBps" },
        { "monthlyRateBps", "1001", "monthlyRateBps" },
        { "termMonthsMin", "0", "termMonthsMin" },
        { "termMonthsMax", "2", "termMonthsMax" },
        { "termMonthsMax", "121", "termMonthsMax" },
        { "principalMin", "1e6", "principalMin" },
        { "principalMax", "999999", "principalMax" },
        { "adminFeeBps", null, "adminFeeBps" },
        { "roundTo", "10", "roundTo" },
        { "roundTo", "0", "roundTo" },
        { "penaltyBpsPerDay", "true", "penaltyBpsPerDay" },
        { "penaltyGraceDays", "91", "penaltyGraceDays" },
        { "maxActiveLoansPerMember", "0", "maxActiveLoansPerMember" },
        { "bungaPerTahun", "12", "bungaPerTahun" },
    };

    [Fact]
    public async Task PutLoanProduct_Valid_Answers200AndIsListed()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsync("/api/loan-products/UMUM", TransactionJson.Content(LoanJson.Product("annuity", maxActive: 2).ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loan-products");
        var product = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("UMUM", product.GetProperty("code").GetString());
        Assert.Equal("annuity", product.GetProperty("interestMethod").GetString());
        Assert.Equal(150, product.GetProperty("monthlyRateBps").GetInt32());
        Assert.Equal(50_000_000, product.GetProperty("principalMax").GetInt64());
        Assert.Equal(2, product.GetProperty("maxActiveLoansPerMember").GetInt32());
    }

    [Fact]
    public async Task PutLoanProduct_MaxActiveLeftOut_DefaultsToOne()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsync("/api/loan-products/UMUM", TransactionJson.Content(LoanJson.Product().ToJsonString()));

        var product = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, product.GetProperty("maxActiveLoansPerMember").GetInt32());
    }

    [Fact]
    public async Task PutLoanProduct_Again_ReplacesIt()
    {
        var coop = await fixture.NewCooperativeAsync();
        await LoanJson.PutProductAsync(coop);
        var changed = LoanJson.Product("declining");
        changed["monthlyRateBps"] = 200;

        await LoanJson.PutProductAsync(coop, product: changed);

        var page = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loan-products");
        var product = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(("declining", 200), (product.GetProperty("interestMethod").GetString(), product.GetProperty("monthlyRateBps").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task PutLoanProduct_BadField_Answers400NamingIt(string field, string? json, string named)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsync("/api/loan-products/UMUM", TransactionJson.Content(LoanJson.With(LoanJson.Product(), field, json)));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", named);
        var page = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loan-products");
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PutLoanProduct_PrincipalMinAboveMax_Answers400NamingPrincipalMax()
    {
        var coop = await fixture.NewCooperativeAsync();
        var product = LoanJson.Product();
        product["principalMin"] = 60_000_000;

        var response = await coop.Admin.PutAsync("/api/loan-products/UMUM", TransactionJson.Content(product.ToJsonString()));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "principalMax");
    }

    [Fact]
    public async Task PutLoanProduct_CodeWithADot_Answers400NamingCode()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.PutAsync("/api/loan-products/UM.UM", TransactionJson.Content(LoanJson.Product().ToJsonString()));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", "code");
    }

    [Fact]
    public async Task PutLoanProduct_TellerKey_Answers403()
    {
        var coop = await fixture.NewCooperativeAsync();
        using var teller = await coop.ClientWithRoleAsync("teller");

        var response = await teller.PutAsync("/api/loan-products/UMUM", TransactionJson.Content(LoanJson.Product().ToJsonString()));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ListLoanProducts_AnotherCooperative_SeesNone()
    {
        var coop = await fixture.NewCooperativeAsync();
        var other = await fixture.NewCooperativeAsync();
        await LoanJson.PutProductAsync(coop);

        var page = await other.Admin.GetFromJsonAsync<JsonElement>("/api/loan-products");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }
}
