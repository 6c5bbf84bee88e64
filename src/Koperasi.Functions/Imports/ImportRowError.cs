namespace Koperasi.Functions.Imports;

/// <summary>Why one row (or, with row 1, the header) cannot be taken: its row number as the sheet shows it, the column, a plain message.</summary>
public sealed record ImportRowError(int Row, string? Column, string Message);
