namespace Koperasi.Functions.Imports;

/// <summary>How a column's values are written: text, whole rupiah (a number cell in rupiah format), or a plain number.</summary>
public enum SheetColumnKind
{
    Text,
    Rupiah,
    Number,
}
