namespace Koperasi.Functions.Audit;

/// <summary>
/// One change made to a cooperative's books or settings: who (<see cref="Actor"/>: the API key's id with its
/// <see cref="Role"/>, a provider's name, <c>platform</c>, or <c>timer</c>), what (<see cref="Kind"/>: the route
/// template, e.g. <c>POST /api/members/{id}</c>, or the timer's name; <see cref="Path"/> with the ids, no query), when,
/// how it was answered, and from which request. Ids only: no names, phone numbers, emails or bodies.
/// </summary>
public sealed record AuditEntry(string Id, DateTimeOffset At, string Actor, string? Role, string Kind, string Path, int Status, string RequestId);
