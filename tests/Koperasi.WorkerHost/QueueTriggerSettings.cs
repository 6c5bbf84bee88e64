namespace Koperasi.WorkerHost;

/// <summary>host.json <c>extensions.queues</c>, with the Functions host's defaults.</summary>
public sealed record QueueTriggerSettings
{
    public int BatchSize { get; init; } = 16;
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public string MessageEncoding { get; init; } = "base64";

    /// <summary>How long a received message stays hidden while it runs (the host takes 10 minutes and renews; this host does not renew).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);
}
