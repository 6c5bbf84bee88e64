namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// One row of the statement of changes in equity: the balance on 1 January, what was added and taken in the year
/// (credits and debits other than the closing journal's), what the year's closing journal moved, and the balance on
/// 31 December. <c>Closing = Opening + Additions − Deductions + YearClose</c>.
/// </summary>
public sealed record EquityChangeLine(string Code, string Name, long Opening, long Additions, long Deductions, long YearClose, long Closing);
