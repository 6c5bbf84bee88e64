namespace Koperasi.Functions.Imports;

/// <summary>How many of an import's queue messages are done or failed.</summary>
public sealed record ImportProgress(int Chunks, int Done, int Failed);
