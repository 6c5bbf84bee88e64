using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Imports;

/// <summary>
/// An uploaded CSV (UTF-8 with or without BOM, ';' or ',' separated, detected by CsvHelper) or XLSX (its first sheet,
/// read with the Open XML SDK, which shows formula cells): the header and the data rows, blank rows left out.
/// </summary>
public sealed record UploadedSheet(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows)
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Reads the body by its content type; a file that cannot be read is a 400, another type a 415.</summary>
    public static UploadedSheet Read(string? contentType, byte[] body)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (body.Length == 0)
        {
            throw Unreadable("The request body is empty; send the CSV or XLSX file as the body.");
        }
        return mediaType switch
        {
            CsvType or "application/csv" or "text/plain" => ReadCsv(body),
            XlsxType => ReadXlsx(body),
            _ => throw new ApiProblemException(new ApiProblem(415, "unsupported_media_type", "The body's content type is not supported.",
                $"Send the file with 'Content-Type: {CsvType}' or '{XlsxType}'.")),
        };
    }

    private static UploadedSheet ReadCsv(byte[] body)
    {
        var start = body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        if (!System.Text.Unicode.Utf8.IsValid(body.AsSpan(start)))
        {
            throw Unreadable("The CSV is not UTF-8 text. In Excel choose 'Save As' > 'CSV UTF-8 (Comma delimited)'.");
        }
        try
        {
            using var csv = CsvReader.Create(body.AsMemory(start), new CsvReaderOptions { TrackLineNumbers = true, SkipEmptyLines = true, AllowLineBreaksInQuotes = false });
            var headers = csv.Headers.Select(h => h.Trim()).ToList();
            var rows = new List<SheetRow>();
            while (csv.Read())
            {
                var row = new SheetRow((int)csv.LineNumber, csv.Current.ToArray().Select(v => new SheetCell(v ?? "")).ToList());
                if (!row.IsBlank)
                {
                    rows.Add(row);
                }
            }
            return new UploadedSheet(headers, rows);
        }
        catch (Exception e) when (e is CsvFormatException or FormatException or InvalidOperationException)
        {
            throw Unreadable("The CSV could not be read: " + e.Message);
        }
    }

    private static UploadedSheet ReadXlsx(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw Unreadable("The XLSX has no workbook.");
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw Unreadable("The XLSX has no sheet.");
            var sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            var rows = new List<SheetRow>();
            IReadOnlyList<string>? headers = null;
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var cells = new List<SheetCell>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add(SheetCell.Empty);
                    }
                    cells.Add(Read(cell, strings));
                }
                var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2));
                if (headers is null)
                {
                    headers = cells.Select(c => c.Text.Trim()).ToList();
                    continue;
                }
                var sheetRow = new SheetRow(number, cells);
                if (!sheetRow.IsBlank)
                {
                    rows.Add(sheetRow);
                }
            }
            return new UploadedSheet(headers ?? [], rows);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw Unreadable("The body is not a readable XLSX file (save it from Excel or LibreOffice as .xlsx).");
        }
    }

    private static SheetCell Read(Cell cell, string[] strings)
    {
        var formula = cell.CellFormula is not null;
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return new SheetCell(int.TryParse(raw, out var i) && i >= 0 && i < strings.Length ? strings[i] : "", null, formula);
        }
        if (type == CellValues.InlineString || type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error || type == CellValues.Date)
        {
            return new SheetCell(type == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : raw, null, formula);
        }
        return double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? new SheetCell(raw, number, formula)
            : new SheetCell(raw, null, formula);
    }

    /// <summary>"C7" → 2.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index > 0 ? index - 1 : null;
    }

    private static ApiProblemException Unreadable(string detail) => new(ApiProblem.BadRequest("unreadable_file", detail));
}
