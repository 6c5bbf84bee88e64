using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;

namespace Koperasi.Functions.Tests.Foundation;

public sealed class PagingTests
{
    [Fact]
    public void From_NoQuery_IsTheDefaultLimitWithoutToken()
    {
        var paging = Paging.From(Request(""));

        Assert.Equal(new Paging(Paging.DefaultLimit, null), paging);
    }

    [Theory]
    [InlineData("?limit=1", 1)]
    [InlineData("?limit=1000", 1000)]
    [InlineData("?limit=37", 37)]
    public void From_LimitInRange_IsTaken(string query, int expected)
    {
        Assert.Equal(expected, Paging.From(Request(query)).Limit);
    }

    [Fact]
    public void From_ContinuationToken_IsPassedThroughAsGiven()
    {
        var paging = Paging.From(Request("?continuationToken=k1%20M-07"));

        Assert.Equal("k1 M-07", paging.ContinuationToken);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=-1")]
    [InlineData("?limit=abc")]
    [InlineData("?limit=1.5")]
    [InlineData("?limit=99999999999")]
    public void From_LimitOutOfRange_ThrowsInvalidQueryNamingLimit(string query)
    {
        var e = Assert.Throws<ApiProblemException>(() => Paging.From(Request(query)));

        Assert.Equal("invalid_query", e.Problem.Code);
        Assert.Equal(400, e.Problem.Status);
        Assert.True(e.Problem.Errors!.ContainsKey("limit"));
    }

    private static HttpRequest Request(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;
}
