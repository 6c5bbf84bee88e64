using System.Text.Json.Nodes;

namespace Koperasi.WorkerHost;

/// <summary>One binding as the worker declared it in its metadata response (a raw binding: the functions.metadata JSON).</summary>
public sealed record WorkerBinding(string Name, string Type, string Direction, JsonObject Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public string? Get(string property) => Raw.TryGetPropertyValue(property, out var value) && value is JsonValue v ? v.ToString() : null;

    public IReadOnlyList<string> GetList(string property) =>
        Raw[property] is JsonArray items ? items.Select(i => i!.GetValue<string>()).ToList() : [];

    /// <summary><c>properties.supportsDeferredBinding</c>: the worker wants SDK-type binding data (ModelBindingData), not the value.</summary>
    public bool SupportsDeferredBinding =>
        string.Equals(Raw["properties"]?["supportsDeferredBinding"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase);

    public static WorkerBinding Parse(string rawBinding)
    {
        var raw = JsonNode.Parse(rawBinding)!.AsObject();
        return new WorkerBinding(raw["name"]!.GetValue<string>(), raw["type"]!.GetValue<string>(), raw["direction"]?.GetValue<string>() ?? "In", raw);
    }
}
