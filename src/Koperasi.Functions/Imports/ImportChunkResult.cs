namespace Koperasi.Functions.Imports;

/// <summary>What one chunk did: rows imported, rows found already in place, rows the members table or the ledger refused (with why).</summary>
public sealed record ImportChunkResult(int Imported, int Unchanged, IReadOnlyList<ImportRowError> Refused);
