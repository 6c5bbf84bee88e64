using Koperasi.Functions.Imports;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// The reports as tables for CSV (written by <see cref="SheetFiles"/>, as the exports are: ';' separated, UTF-8 with
/// BOM, whole rupiah as plain numbers): one row per line of the JSON, in its order, with its section, then the totals.
/// </summary>
public static class ReportSheets
{
    private static readonly SheetColumn[] PositionColumns =
        [new("Bagian"), new("Kode Akun"), new("Nama Akun"), new("Jumlah", SheetColumnKind.Rupiah)];

    private static readonly SheetColumn[] IncomeColumns =
    [
        new("Bagian"), new("Kode Akun"), new("Nama Akun"), new("Anggota", SheetColumnKind.Rupiah), new("Non-anggota", SheetColumnKind.Rupiah),
        new("Jumlah", SheetColumnKind.Rupiah),
    ];

    private static readonly SheetColumn[] EquityColumns =
    [
        new("Kode Akun"), new("Nama Akun"), new("Saldo Awal", SheetColumnKind.Rupiah), new("Penambahan", SheetColumnKind.Rupiah),
        new("Pengurangan", SheetColumnKind.Rupiah), new("Penutupan Buku", SheetColumnKind.Rupiah), new("Saldo Akhir", SheetColumnKind.Rupiah),
    ];

    public static (SheetTable Table, string FileName) Of(FinancialPosition r)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (section, s) in new[] { ("Aset", r.Assets), ("Liabilitas", r.Liabilities), ("Ekuitas", r.Equity) })
        {
            rows.AddRange(s.Lines.Select(l => (IReadOnlyList<object?>)[section, l.Code, l.Name, l.Amount]));
            rows.Add([section, "", "Jumlah " + section, s.Total]);
        }
        rows.Add(["Liabilitas dan Ekuitas", "", "Jumlah Liabilitas dan Ekuitas", r.LiabilitiesAndEquity]);
        return (new SheetTable("Posisi Keuangan", PositionColumns, rows), $"posisi-keuangan-{r.AsOf}");
    }

    public static (SheetTable Table, string FileName) Of(IncomeReport r)
    {
        var rows = new List<IReadOnlyList<object?>>();
        rows.AddRange(r.Income.Lines.Select(l => (IReadOnlyList<object?>)["Pendapatan", l.Code, l.Name, l.Member, l.NonMember, l.Amount]));
        rows.Add(["Pendapatan", "", "Jumlah Pendapatan", r.Income.Member, r.Income.NonMember, r.Income.Total]);
        rows.AddRange(r.Expenses.Lines.Select(l => (IReadOnlyList<object?>)["Beban", l.Code, l.Name, null, null, l.Amount]));
        rows.Add(["Beban", "", "Jumlah Beban", null, null, r.Expenses.Total]);
        rows.Add(["SHU", "", "Sisa Hasil Usaha", null, null, r.Shu]);
        return (new SheetTable("Hasil Usaha", IncomeColumns, rows), $"hasil-usaha-{r.From}-{r.To}");
    }

    public static (SheetTable Table, string FileName) Of(EquityChanges r)
    {
        var rows = r.Lines.Append(r.Total)
            .Select(l => (IReadOnlyList<object?>)[l.Code, l.Name, l.Opening, l.Additions, l.Deductions, l.YearClose, l.Closing]).ToList();
        return (new SheetTable("Perubahan Ekuitas", EquityColumns, rows), $"perubahan-ekuitas-{r.Year}");
    }
}
