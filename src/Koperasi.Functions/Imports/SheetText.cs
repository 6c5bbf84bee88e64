using System.Globalization;

namespace Koperasi.Functions.Imports;

/// <summary>A cell read as text: an XLSX number cell in a text column (a member number typed as 1001) reads as its digits.</summary>
public static class SheetText
{
    public static string Of(SheetCell cell) =>
        cell.Number is { } n && n == Math.Floor(n) && Math.Abs(n) < 1e15 ? n.ToString("0", CultureInfo.InvariantCulture) : cell.Text.Trim();
}
