namespace Koperasi.Functions.Books.Reports;

/// <summary>One account's figure in a report, in whole rupiah on the side the section adds up (a contra asset is negative).</summary>
public sealed record ReportLine(string Code, string Name, long Amount);
