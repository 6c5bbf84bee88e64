namespace Koperasi.Functions.Books;

/// <summary>
/// The answer of a year close: the year, the last day now closed, the year's income and expenses as the closing
/// entry moved them, the SHU (income − expenses) it put into <c>shu_tahun_berjalan</c>, and the closing entry (none
/// when the year had no income or expense).
/// </summary>
public sealed record YearClosing(int Year, string ClosedThrough, long Income, long Expenses, long Shu, PostedJournalEntry? ClosingEntry);
