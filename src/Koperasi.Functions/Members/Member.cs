namespace Koperasi.Functions.Members;

/// <summary>A member (anggota); <see cref="Id"/> is the cooperative's own member number.</summary>
public sealed record Member(string Id, string Name, string? Email, string? Phone, DateTimeOffset? JoinedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
