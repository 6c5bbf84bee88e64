namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Laporan perhitungan hasil usaha for [from, to]: income and costs by account from the trial balances' difference,
/// with every year-closing journal inside the period added back, and the SHU (income − costs; negative is a deficit).
/// </summary>
public sealed record IncomeReport(
    string CooperativeName,
    string From,
    string To,
    IncomeSection Income,
    ReportSection Expenses,
    long Shu,
    IReadOnlyList<string> YearClosesAddedBack);
