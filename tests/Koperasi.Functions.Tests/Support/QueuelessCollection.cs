namespace Koperasi.Functions.Tests.Support;

/// <summary>Tests that read the transactions queue themselves, against a LocalHost that does not consume it.</summary>
[CollectionDefinition(Name)]
public sealed class QueuelessCollection : ICollectionFixture<QueuelessApiFixture>
{
    public const string Name = "queueless";
}
