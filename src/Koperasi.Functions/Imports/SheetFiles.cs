using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Writes a <see cref="SheetTable"/> as a file treasurers open in Excel or LibreOffice. CSV: ';' separated with a
/// UTF-8 BOM (what Excel in an Indonesian locale opens in columns), numbers without grouping (a negative one
/// stays a number), text that could run as a formula escaped. XLSX (MiniExcel): amounts are number cells in rupiah format, the header row frozen.
/// </summary>
public static class SheetFiles
{
    public const string RupiahFormat = "\"Rp\"#,##0;-\"Rp\"#,##0";

    public static byte[] Csv(SheetTable table)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(table.Columns.Select(c => c.Header).ToArray());
            foreach (var row in table.Rows)
            {
                foreach (var value in row)
                {
                    // Numbers as numbers: only text is escaped against formulas, so a negative amount stays -30000, not '-30000.
                    switch (value)
                    {
                        case long n:
                            csv.WriteField(n, default, CultureInfo.InvariantCulture);
                            break;
                        case int n:
                            csv.WriteField(n, default, CultureInfo.InvariantCulture);
                            break;
                        default:
                            csv.WriteField(value is null ? "" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                            break;
                    }
                }
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(SheetTable table)
    {
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            FreezeColumnCount = 0,
            DynamicColumns = table.Columns.Select((c, i) => new MiniExcelLibs.Attributes.DynamicExcelColumn(c.Header)
            {
                Index = i,
                Format = c.Kind == SheetColumnKind.Rupiah ? RupiahFormat : null,
                Width = Math.Max(12, c.Header.Length + 4),
            }).ToArray(),
        };
        var rows = table.Rows.Select(row =>
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                values[table.Columns[i].Header] = i < row.Count ? row[i] : null;
            }
            return values;
        }).ToList();
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows, sheetName: table.Name, excelType: ExcelType.XLSX, configuration: configuration);
        return buffer.ToArray();
    }
}
