namespace Koperasi.WorkerHost;

/// <summary>What the protocol host needs to start a published isolated-worker app the way the Functions host does.</summary>
public sealed record WorkerHostOptions
{
    /// <summary>The publish folder: the app's dll, <c>functions.metadata</c>, <c>worker.config.json</c>, <c>host.json</c>.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>App settings, as in Azure: names with <c>__</c> (or <c>:</c>); they reach the worker as environment variables.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where callers reach the HTTP functions (the Functions host's own port); port 0 picks a free one.</summary>
    public string HttpUrl { get; init; } = "http://127.0.0.1:0";

    /// <summary>How long the worker may take from process start to loaded functions (the host's default is 60 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Fire timers on their NCRONTAB schedule; off leaves them to <c>POST /admin/functions/{name}</c>.</summary>
    public bool RunTimers { get; init; } = true;
}
