namespace Koperasi.Functions.Imports;

/// <summary>
/// An import as <c>GET /api/imports/{id}</c> shows it. <see cref="Status"/>: <c>queued</c>, <c>running</c>,
/// <c>completed</c>, or <c>failed</c> (a chunk gave up after the queue's retries; importing the same file again
/// finishes it, since every row is idempotent).
/// </summary>
public sealed record ImportStatus(
    string Id,
    string Kind,
    string Status,
    string? AsOf,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int Rows,
    int Queued,
    int Imported,
    int Unchanged,
    int Refused,
    int Skipped,
    ImportProgress Progress,
    IReadOnlyList<ImportRowError> Errors);
