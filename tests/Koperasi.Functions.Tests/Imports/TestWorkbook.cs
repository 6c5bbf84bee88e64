using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>Builds small XLSX files with the Open XML SDK, as Excel saves them: text, number and formula cells.</summary>
public static class TestWorkbook
{
    /// <summary>A value: a string is a text cell, a double a number cell, and a string starting with '=' a formula with a cached value.</summary>
    public static byte[] Build(params object?[][] rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(rows[r][c] switch
                    {
                        null => new Cell { CellReference = reference },
                        double n => new Cell { CellReference = reference, CellValue = new CellValue(n) },
                        string f when f.StartsWith('=') => new Cell { CellReference = reference, CellFormula = new CellFormula(f[1..]), CellValue = new CellValue(100_000d) },
                        var v => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v.ToString()!)) },
                    });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Saldo Awal" }));
        }
        return buffer.ToArray();
    }
}
