using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Foundation;

public sealed class IntakeResponsesTests
{
    [Fact]
    public async Task Single_Queued_Answers202WithLocationAndStatus()
    {
        var result = await ExecutedResult.ExecuteAsync(IntakeResponses.Single(IntakeResult.Accepted("t-1")));

        Assert.Equal(202, result.Status);
        Assert.Equal("/api/transactions/t-1", result.Location);
        Assert.Equal("t-1", result.Json.GetProperty("id").GetString());
        Assert.Equal("queued", result.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Single_Conflict_Answers409TransactionConflict()
    {
        var result = await ExecutedResult.ExecuteAsync(IntakeResponses.Single(IntakeResult.Conflicting("t-1")));

        Assert.Equal(409, result.Status);
        Assert.StartsWith("application/problem+json", result.ContentType, StringComparison.Ordinal);
        Assert.Equal("transaction_conflict", result.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Single_UnknownMember_Answers422WithErrorsMemberId()
    {
        var rejected = IntakeResult.Rejected("t-1", "unknown_member", new Dictionary<string, string[]> { ["memberId"] = ["no member"] });

        var result = await ExecutedResult.ExecuteAsync(IntakeResponses.Single(rejected));

        Assert.Equal(422, result.Status);
        Assert.Equal("unknown_member", result.Json.GetProperty("code").GetString());
        Assert.Equal("no member", result.Json.GetProperty("errors").GetProperty("memberId")[0].GetString());
    }

    [Fact]
    public async Task Single_Invalid_Answers400InvalidTransactionWithTheErrors()
    {
        var rejected = IntakeResult.Rejected(null, "invalid_transaction", new Dictionary<string, string[]> { ["amount"] = ["must be positive"] });

        var result = await ExecutedResult.ExecuteAsync(IntakeResponses.Single(rejected));

        Assert.Equal(400, result.Status);
        Assert.Equal("invalid_transaction", result.Json.GetProperty("code").GetString());
        Assert.Equal("must be positive", result.Json.GetProperty("errors").GetProperty("amount")[0].GetString());
    }

    [Fact]
    public void BatchItem_Rejected_SerializesWithoutItsInternalCode()
    {
        var rejected = IntakeResult.Rejected("t-1", "unknown_member", new Dictionary<string, string[]> { ["memberId"] = ["no member"] });

        var json = System.Text.Json.JsonSerializer.Serialize(rejected, Koperasi.Functions.Api.ApiJson.Options);

        Assert.Equal("{\"id\":\"t-1\",\"status\":\"invalid\",\"errors\":{\"memberId\":[\"no member\"]}}", json);
    }
}
