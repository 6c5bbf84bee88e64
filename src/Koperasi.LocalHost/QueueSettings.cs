namespace Koperasi.LocalHost;

/// <summary>host.json <c>extensions.queues</c>, with the Functions defaults.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; } = 8;
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public string MessageEncoding { get; init; } = "base64";

    /// <summary>How long a received message stays hidden while its function runs (the host renews a 10-minute lease; ours is fixed).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);
}
