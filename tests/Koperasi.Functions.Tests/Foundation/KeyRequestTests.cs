using System.Text.Json;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>The body of POST /api/keys, read by the feature without a host.</summary>
public sealed class KeyRequestTests
{
    [Theory]
    [InlineData("reader", Role.Reader)]
    [InlineData("teller", Role.Teller)]
    [InlineData("admin", Role.Admin)]
    public void Read_ANameAndARole_IsTheRequest(string role, Role expected)
    {
        var request = KeyRequest.Read(Json($$"""{"name":"Kasir pagi","role":"{{role}}"}"""));

        Assert.Equal(new KeyRequest("Kasir pagi", expected), request);
    }

    [Theory]
    [InlineData("""{"name":"x","role":"owner"}""", "role")]
    [InlineData("""{"role":"reader"}""", "name")]
    [InlineData("""{"name":"x","role":"reader","extra":1}""", "extra")]
    public void Read_AnInvalidBody_IsAValidationProblemNamingTheField(string body, string field)
    {
        var e = Assert.Throws<ApiProblemException>(() => KeyRequest.Read(Json(body)));

        Assert.Equal(400, e.Problem.Status);
        Assert.True(e.Problem.Errors!.ContainsKey(field), string.Join(",", e.Problem.Errors.Keys));
    }

    [Fact]
    public void Read_ANameOver100Characters_IsAValidationProblem()
    {
        var e = Assert.Throws<ApiProblemException>(() => KeyRequest.Read(Json($$"""{"name":"{{new string('n', 101)}}","role":"reader"}""")));

        Assert.True(e.Problem.Errors!.ContainsKey("name"));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
