namespace Koperasi.Functions.Imports;

/// <summary>
/// One cell of an uploaded sheet as the file holds it: its text, or its number (an XLSX number or date cell), and
/// whether it was a formula (whose cached value may be stale, so the import refuses it).
/// </summary>
public sealed record SheetCell(string Text, double? Number = null, bool IsFormula = false)
{
    public static readonly SheetCell Empty = new("");

    public bool IsBlank => Number is null && !IsFormula && string.IsNullOrWhiteSpace(Text);
}
