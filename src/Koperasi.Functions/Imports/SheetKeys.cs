namespace Koperasi.Functions.Imports;

/// <summary>Reads a cell that identifies something (a member number, a loan number, a product code): not a formula, not empty, of the id's own form.</summary>
public static class SheetKeys
{
    /// <summary>The cell's text, or the plain reason it cannot be an id (on the row's error list).</summary>
    public static (string Id, ImportRowError? Error) Read(SheetCell cell, int row, string column, Func<string, bool> isValid, string rule)
    {
        var id = SheetText.Of(cell);
        var error = cell.IsFormula ? SheetValues.FormulaError : id.Length == 0 ? "is required" : !isValid(id) ? rule : null;
        return (id, error is null ? null : new ImportRowError(row, column, error));
    }
}
