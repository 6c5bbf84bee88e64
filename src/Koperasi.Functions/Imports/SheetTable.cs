namespace Koperasi.Functions.Imports;

/// <summary>A table to hand out as CSV or XLSX: a sheet name, its columns and its rows (values in column order).</summary>
public sealed record SheetTable(string Name, IReadOnlyList<SheetColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
