namespace Koperasi.Functions.Imports;

/// <summary>A data row of an uploaded sheet: its row number as the treasurer sees it (the header is row 1) and its cells by column.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : SheetCell.Empty;

    public bool IsBlank => Cells.All(c => c.IsBlank);
}
