using Microsoft.AspNetCore.Mvc;

namespace Koperasi.Functions.Imports;

/// <summary>A CSV or XLSX file answered as a download, written the same way under both hosts.</summary>
public sealed class SheetDownload(byte[] content, string contentType, string fileName) : IActionResult
{
    public static SheetDownload Csv(SheetTable table, string fileName) => new(SheetFiles.Csv(table), UploadedSheet.CsvType + "; charset=utf-8", fileName + ".csv");

    public static SheetDownload Xlsx(SheetTable table, string fileName) => new(SheetFiles.Xlsx(table), UploadedSheet.XlsxType, fileName + ".xlsx");

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content, context.HttpContext.RequestAborted);
    }
}
