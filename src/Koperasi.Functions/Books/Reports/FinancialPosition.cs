namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Laporan posisi keuangan as of a date: assets, liabilities and equity from the trial balance of that date. Equity
/// carries the year's result not yet closed as <c>shu_tahun_berjalan</c> (with what that account already holds from
/// this year's close) and earlier years' results not yet distributed or closed as <c>shu_tahun_lalu</c>.
/// </summary>
public sealed record FinancialPosition(
    string CooperativeName,
    string AsOf,
    ReportSection Assets,
    ReportSection Liabilities,
    ReportSection Equity,
    long LiabilitiesAndEquity,
    long ShuTahunBerjalan)
{
    public bool Balanced => Assets.Total == LiabilitiesAndEquity;
}
