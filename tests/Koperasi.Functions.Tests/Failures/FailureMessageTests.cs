using Koperasi.Functions.Failures;

namespace Koperasi.Functions.Tests.Failures;

public sealed class FailureMessageTests
{
    [Fact]
    public void ReadMessage_NamingACooperative_IsShownToThatCooperativeWithItsIds()
    {
        var (partition, transactionId, memberId) = FailureStore.ReadMessage("""{"cooperativeId":"kabc123","id":"t-1","memberId":"A-001"}""");

        Assert.Equal(("kabc123", "t-1", "A-001"), (partition, transactionId, memberId));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("\"just a string\"")]
    [InlineData("""{"cooperativeId":"has spaces and ' quotes","id":"t-1"}""")]
    [InlineData("""{"cooperativeId":42}""")]
    public void ReadMessage_NamingNoReadableCooperative_IsShownToThePlatform(string body)
    {
        Assert.Equal(FailureStore.PlatformPartition, FailureStore.ReadMessage(body).Partition);
    }
}
