namespace Koperasi.Functions.Books.Reports;

/// <summary>A section of a report: its lines and their sum.</summary>
public sealed record ReportSection(IReadOnlyList<ReportLine> Lines, long Total)
{
    public static ReportSection Of(IReadOnlyList<ReportLine> lines) => new(lines, lines.Sum(l => l.Amount));
}
