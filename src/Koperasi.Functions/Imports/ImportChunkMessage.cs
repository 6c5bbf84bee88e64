namespace Koperasi.Functions.Imports;

/// <summary>One message on the <c>imports</c> queue: a slice of an import's checked rows, small enough for one queue message.</summary>
public sealed record ImportChunkMessage(string CooperativeId, string ImportId, int Chunk, string Kind, DateOnly? AsOf, IReadOnlyList<ImportRow> Rows);
