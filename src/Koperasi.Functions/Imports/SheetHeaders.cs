using System.Diagnostics.CodeAnalysis;

namespace Koperasi.Functions.Imports;

/// <summary>Finds the template's columns in an uploaded header row: case and spacing ignored, other columns left alone.</summary>
public static class SheetHeaders
{
    /// <summary>
    /// The prelude of every row check: the template's columns found, or the file refused at its header row (row 1),
    /// one error per missing required column and no data row checked, since none could be read rightly.
    /// </summary>
    public static bool TryLocate(
        UploadedSheet sheet, IReadOnlyList<SheetColumn> columns, out IReadOnlyDictionary<string, int> index, [NotNullWhen(false)] out ImportCheck? refused)
    {
        (index, var errors) = Locate(sheet, columns);
        refused = errors.Count > 0 ? new ImportCheck(sheet.Rows.Count, [], 0, errors) : null;
        return refused is null;
    }

    private static (IReadOnlyDictionary<string, int> Index, IReadOnlyList<ImportRowError> Errors) Locate(UploadedSheet sheet, IReadOnlyList<SheetColumn> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ImportRowError>();
        foreach (var column in columns)
        {
            var at = sheet.Headers.Select((h, i) => (Header: Normal(h), i)).Where(h => h.Header == Normal(column.Header)).Select(h => h.i).DefaultIfEmpty(-1).First();
            if (at >= 0)
            {
                index[column.Header] = at;
            }
            else if (column.Required)
            {
                errors.Add(new ImportRowError(1, column.Header, $"the header row has no '{column.Header}' column (the template's headers: {string.Join(", ", columns.Select(c => c.Header))})"));
            }
        }
        return (index, errors);
    }

    public static SheetCell Cell(SheetRow row, IReadOnlyDictionary<string, int> index, string header) =>
        index.TryGetValue(header, out var at) ? row[at] : SheetCell.Empty;

    private static string Normal(string header) => string.Join(' ', header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
