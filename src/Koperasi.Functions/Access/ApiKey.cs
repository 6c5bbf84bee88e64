namespace Koperasi.Functions.Access;

/// <summary>A stored API key as listed to an admin: never the secret.</summary>
public sealed record ApiKey(string Id, string Name, Role Role, DateTimeOffset CreatedAt);
