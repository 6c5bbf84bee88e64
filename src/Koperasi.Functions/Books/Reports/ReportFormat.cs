namespace Koperasi.Functions.Books.Reports;

/// <summary>How a report is answered: JSON (the default), printable HTML in Bahasa Indonesia, or CSV.</summary>
public enum ReportFormat
{
    Json,
    Html,
    Csv,
}
