using System.Net;
using System.Text;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Statements;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// The reports as a page to print or read on a phone, in Bahasa Indonesia: one style sheet in the page (no external
/// resources), A4 portrait margins and repeated table heads when printed, one column that fits 360 px, and on a narrow
/// screen the wide table of equity changes as one card per account. Every figure's cell carries <c>data-figure</c>
/// (<c>{section}:{code}</c>, totals <c>jumlah:{section}</c>) so tests read them back. Rupiah from <see cref="Rupiah"/>,
/// dates from <see cref="StatementPeriod"/>, as on statements.
/// </summary>
public static class ReportHtml
{
    private const string Style =
        "*{box-sizing:border-box}" +
        "body{margin:0;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;color:#111827;-webkit-text-size-adjust:100%}" +
        "main{max-width:190mm;margin:0 auto;background:#fff;padding:16px 12px}" +
        ".coop{margin:0;font-size:13px;color:#047857;font-weight:bold}" +
        "h1{margin:4px 0 2px;font-size:21px}" +
        ".period{margin:0 0 14px;font-size:13px;color:#4b5563}" +
        "h2{margin:18px 0 4px;font-size:16px}" +
        "table{width:100%;border-collapse:collapse;font-size:13px;margin:0 0 8px}" +
        "th,td{padding:5px 4px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}" +
        "th{font-size:12px;font-weight:normal;color:#6b7280;border-bottom:2px solid #d1d5db}" +
        ".n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}" +
        ".name{overflow-wrap:anywhere}" +
        ".code{display:block;font-size:11px;color:#6b7280}" +
        "tr.total td{font-weight:bold;border-top:2px solid #9ca3af}" +
        "tr.grand td{font-weight:bold;font-size:14px;border-top:2px solid #111827;border-bottom:3px double #111827}" +
        ".note{font-size:12px;color:#6b7280;margin:10px 0 0}" +
        ".neg{color:#b91c1c}" +
        "@media (max-width:600px){main{padding:12px 8px}table{font-size:12px}th,td{padding:4px 2px}" +
        "table.wide thead{display:none}table.wide tr{display:block;border-bottom:1px solid #d1d5db;padding:4px 0}" +
        "table.wide td{display:flex;justify-content:space-between;gap:8px;border:0;padding:2px}" +
        "table.wide td.name{display:block;font-weight:bold}" +
        "table.wide td.n::before{content:attr(data-label);color:#6b7280;font-weight:normal}}" +
        "@media print{@page{size:A4 portrait;margin:15mm 12mm}body{background:#fff}main{max-width:none;padding:0}" +
        "thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}}";

    public static string Render(FinancialPosition r)
    {
        var html = Start("Laporan Posisi Keuangan", r.CooperativeName, "Per " + LongDate(r.AsOf));
        Section(html, "Aset", "aset", r.Assets, "Jumlah Aset");
        Section(html, "Liabilitas", "liabilitas", r.Liabilities, "Jumlah Liabilitas");
        Section(html, "Ekuitas", "ekuitas", r.Equity, "Jumlah Ekuitas");
        html.Append("<table><tbody>");
        AmountRow(html, "grand", "Jumlah Liabilitas dan Ekuitas", null, "jumlah:liabilitas-ekuitas", r.LiabilitiesAndEquity);
        html.Append("</tbody></table>");
        Note(html, r.Balanced
            ? "Jumlah aset sama dengan jumlah liabilitas dan ekuitas. SHU tahun berjalan adalah pendapatan dikurangi beban sejak 1 Januari yang belum dibagi."
            : "PERHATIAN: jumlah aset tidak sama dengan jumlah liabilitas dan ekuitas; periksa buku besar (GET /api/ledger/check).");
        return End(html);
    }

    public static string Render(IncomeReport r)
    {
        var html = Start("Laporan Perhitungan Hasil Usaha", r.CooperativeName, $"Periode {LongDate(r.From)} - {LongDate(r.To)}");
        html.Append("<h2>Pendapatan</h2><table><thead><tr><th>Akun</th><th class=\"n\">Anggota</th><th class=\"n\">Non-anggota</th><th class=\"n\">Jumlah</th></tr></thead><tbody>");
        if (r.Income.Lines.Count == 0)
        {
            Empty(html, 4);
        }
        foreach (var line in r.Income.Lines)
        {
            html.Append("<tr><td class=\"name\">").Append(E(line.Name)).Append("<span class=\"code\">").Append(E(line.Code)).Append("</span></td>");
            Amount(html, "pendapatan:" + line.Code + ":anggota", line.Member);
            Amount(html, "pendapatan:" + line.Code + ":non-anggota", line.NonMember);
            Amount(html, "pendapatan:" + line.Code, line.Amount);
            html.Append("</tr>");
        }
        html.Append("<tr class=\"total\"><td>Jumlah Pendapatan</td>");
        Amount(html, "jumlah:pendapatan:anggota", r.Income.Member);
        Amount(html, "jumlah:pendapatan:non-anggota", r.Income.NonMember);
        Amount(html, "jumlah:pendapatan", r.Income.Total);
        html.Append("</tr></tbody></table>");
        Section(html, "Beban", "beban", r.Expenses, "Jumlah Beban");
        html.Append("<table><tbody>");
        AmountRow(html, "grand", r.Shu < 0 ? "Defisit (SHU negatif)" : "Sisa Hasil Usaha (SHU)", null, "shu", r.Shu);
        html.Append("</tbody></table>");
        Note(html, "Pendapatan anggota: dibukukan pada rekening anggota (jasa, denda, administrasi pinjaman). Non-anggota: dibukukan di jurnal umum koperasi." +
            (r.YearClosesAddedBack.Count > 0 ? $" Jurnal penutupan buku ({string.Join(", ", r.YearClosesAddedBack)}) tidak mengurangi angka di atas." : ""));
        return End(html);
    }

    public static string Render(EquityChanges r)
    {
        var html = Start("Laporan Perubahan Ekuitas", r.CooperativeName, $"Tahun buku {r.Year} ({LongDate(r.From)} - {LongDate(r.To)})");
        string[] labels = ["Saldo 1 Januari", "Penambahan", "Pengurangan", "Penutupan buku", "Saldo 31 Desember"];
        html.Append("<table class=\"wide\"><thead><tr><th>Akun</th>");
        foreach (var label in labels)
        {
            html.Append("<th class=\"n\">").Append(label).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var line in r.Lines.Append(r.Total))
        {
            var total = ReferenceEquals(line, r.Total);
            html.Append(total ? "<tr class=\"total\">" : "<tr>").Append("<td class=\"name\">").Append(E(line.Name));
            if (!total)
            {
                html.Append("<span class=\"code\">").Append(E(line.Code)).Append("</span>");
            }
            html.Append("</td>");
            long[] figures = [line.Opening, line.Additions, line.Deductions, line.YearClose, line.Closing];
            string[] names = ["saldo-awal", "penambahan", "pengurangan", "penutupan", "saldo-akhir"];
            for (var i = 0; i < figures.Length; i++)
            {
                Amount(html, line.Code + ":" + names[i], figures[i], labels[i]);
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table><table><tbody>");
        AmountRow(html, "grand", $"SHU Tahun {r.Year}", r.Closed ? "sudah ditutup ke SHU tahun berjalan" : "buku tahun ini belum ditutup", "shu", r.ShuTahunBerjalan);
        html.Append("</tbody></table>");
        Note(html, "Saldo akhir = saldo 1 Januari + penambahan − pengurangan + penutupan buku. Penutupan buku memindahkan pendapatan dan beban tahun ini ke SHU tahun berjalan.");
        return End(html);
    }

    private static StringBuilder Start(string title, string cooperative, string period) => new StringBuilder()
        .Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .Append("<title>").Append(E(title)).Append(" - ").Append(E(cooperative)).Append("</title><style>").Append(Style).Append("</style></head><body><main>")
        .Append("<p class=\"coop\">").Append(E(cooperative)).Append("</p><h1>").Append(E(title)).Append("</h1><p class=\"period\">").Append(E(period)).Append("</p>");

    private static string End(StringBuilder html) => html
        .Append("<p class=\"note\">Disusun otomatis dari buku besar koperasi (SAK EP). Tanggal menurut zona waktu koperasi. Angka dalam rupiah.</p>")
        .Append("</main></body></html>").ToString();

    private static void Section(StringBuilder html, string title, string section, ReportSection s, string totalLabel)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2><table><thead><tr><th>Akun</th><th class=\"n\">Jumlah</th></tr></thead><tbody>");
        if (s.Lines.Count == 0)
        {
            Empty(html, 2);
        }
        foreach (var line in s.Lines)
        {
            AmountRow(html, null, line.Name, line.Code, section + ":" + line.Code, line.Amount);
        }
        AmountRow(html, "total", totalLabel, null, "jumlah:" + section, s.Total);
        html.Append("</tbody></table>");
    }

    private static void AmountRow(StringBuilder html, string? rowClass, string label, string? note, string figure, long amount)
    {
        html.Append(rowClass is null ? "<tr>" : $"<tr class=\"{rowClass}\">").Append("<td class=\"name\">").Append(E(label));
        if (note is not null)
        {
            html.Append("<span class=\"code\">").Append(E(note)).Append("</span>");
        }
        html.Append("</td>");
        Amount(html, figure, amount);
        html.Append("</tr>");
    }

    private static void Amount(StringBuilder html, string figure, long amount, string? label = null)
    {
        html.Append("<td class=\"n").Append(amount < 0 ? " neg" : "").Append("\" data-figure=\"").Append(E(figure)).Append('"');
        if (label is not null)
        {
            html.Append(" data-label=\"").Append(E(label)).Append('"');
        }
        html.Append('>').Append(Rupiah.Format(amount)).Append("</td>");
    }

    private static void Empty(StringBuilder html, int columns) =>
        html.Append("<tr><td colspan=\"").Append(columns).Append("\" style=\"color:#6b7280;font-style:italic\">Tidak ada saldo.</td></tr>");

    private static void Note(StringBuilder html, string text) => html.Append("<p class=\"note\">").Append(E(text)).Append("</p>");

    private static string LongDate(string isoDate) => StatementPeriod.FormatLongDate(LedgerKeys.ParseDate(isoDate));

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
