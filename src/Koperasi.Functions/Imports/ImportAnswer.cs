namespace Koperasi.Functions.Imports;

/// <summary>
/// The answer to <c>POST /api/imports/members</c>, <c>/opening-balances</c> and <c>/loans</c>: with <c>dryRun</c> what an import would do; otherwise the import's
/// id and what was queued. <see cref="Errors"/> lists every row that cannot be taken.
/// </summary>
public sealed record ImportAnswer(string? Id, string Kind, bool DryRun, string Status, string? AsOf, int Rows, int Accepted, int Unchanged, int Invalid,
    IReadOnlyList<ImportRowError> Errors);
