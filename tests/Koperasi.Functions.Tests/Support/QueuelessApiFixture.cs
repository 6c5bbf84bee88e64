namespace Koperasi.Functions.Tests.Support;

/// <summary>A LocalHost whose queue triggers are off, so a test can read what intake put on the real queue.</summary>
public sealed class QueuelessApiFixture : ApiFixture
{
    protected override IDictionary<string, string?>? ExtraSettings =>
        new Dictionary<string, string?> { ["LocalHost:DisableQueueTriggers"] = "true" };

    public TransactionQueueReader Queue => new(Storage);
}
