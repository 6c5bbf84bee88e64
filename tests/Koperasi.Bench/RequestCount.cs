namespace Koperasi.Bench;

/// <summary>Storage requests made by a LocalHost, less idle polling and one-off queue/table creation.</summary>
public sealed record RequestCount(int Total, IReadOnlyDictionary<string, int> ByKind);
