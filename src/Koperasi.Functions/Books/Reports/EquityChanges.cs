namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Laporan perubahan ekuitas for a fiscal year: each equity account, and the result not yet closed into equity
/// (<c>hasil_usaha_belum_ditutup</c>: income − expenses), from 1 January to 31 December; <see cref="Total"/> sums the
/// columns, and its closing figure equals the financial position's equity on 31 December.
/// </summary>
public sealed record EquityChanges(
    string CooperativeName,
    int Year,
    string From,
    string To,
    IReadOnlyList<EquityChangeLine> Lines,
    EquityChangeLine Total,
    long ShuTahunBerjalan,
    bool Closed);
