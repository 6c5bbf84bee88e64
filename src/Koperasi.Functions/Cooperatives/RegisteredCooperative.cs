namespace Koperasi.Functions.Cooperatives;

/// <summary>The answer to registering a cooperative; <see cref="AdminApiKey"/> is shown this once only.</summary>
public sealed record RegisteredCooperative(string Id, string Name, string TimeZone, long SimpananPokokAmount, long SimpananWajibAmount, string AdminApiKey);
