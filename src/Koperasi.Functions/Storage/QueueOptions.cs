namespace Koperasi.Functions.Storage;

/// <summary>Settings section <c>Queues</c>: must match host.json <c>extensions.queues.maxDequeueCount</c> (a test checks).</summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    public int MaxDequeueCount { get; set; } = 5;
}
