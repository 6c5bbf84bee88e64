namespace Koperasi.Functions.Imports;

/// <summary>A column of a template or an export: its Indonesian header, what it holds, and whether an import needs it.</summary>
public sealed record SheetColumn(string Header, SheetColumnKind Kind = SheetColumnKind.Text, bool Required = false);
