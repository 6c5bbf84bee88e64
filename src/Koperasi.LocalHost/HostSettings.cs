using System.Text.Json;
using System.Text.Json.Nodes;

namespace Koperasi.LocalHost;

/// <summary>The parts of host.json the LocalHost honours: the HTTP route prefix and the queue trigger settings.</summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    public static HostSettings Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var extensions = root["extensions"];
        var prefix = extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        var q = extensions?["queues"];
        var defaults = new QueueSettings();
        var queues = new QueueSettings
        {
            BatchSize = q?["batchSize"]?.GetValue<int>() ?? defaults.BatchSize,
            NewBatchThreshold = q?["newBatchThreshold"]?.GetValue<int>() ?? defaults.NewBatchThreshold,
            MaxDequeueCount = q?["maxDequeueCount"]?.GetValue<int>() ?? defaults.MaxDequeueCount,
            VisibilityTimeout = ParseTime(q?["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            MaxPollingInterval = ParseTime(q?["maxPollingInterval"]) ?? defaults.MaxPollingInterval,
            MessageEncoding = q?["messageEncoding"]?.GetValue<string>() ?? defaults.MessageEncoding,
        };
        if (!string.Equals(queues.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException("The LocalHost serves base64 queue messages only (the Functions default).");
        }
        return new HostSettings(prefix.Trim('/'), queues);
    }

    private static TimeSpan? ParseTime(JsonNode? node) => node is null ? null : TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
