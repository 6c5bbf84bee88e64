namespace Koperasi.Functions.Providers;

/// <summary>A provider credential that is set, without the secret: <c>{provider, name?, updatedAt}</c>.</summary>
public sealed record ConfiguredProvider(string Provider, string? Name, DateTimeOffset UpdatedAt);
