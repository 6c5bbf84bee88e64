using System.Net;
using System.Text;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Statements;

/// <summary>
/// The statement as an HTML email: inline styles only (mail clients drop style sheets), no images or other external
/// resources, one column that fits a 375-px phone. Closing balances carry <c>data-closing</c>, a loan's figures
/// <c>data-figure</c> (<c>{loanId}:{name}</c>), for the browser check.
/// </summary>
public static class StatementHtml
{
    private const string Cell = "padding:6px 4px;border-bottom:1px solid #e5e7eb;vertical-align:top;";
    private const string Amount = Cell + "text-align:right;white-space:nowrap;";
    private const string Head = "padding:6px 4px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280;font-weight:normal;";

    public static string Render(MemberStatement s)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(StatementWords.Subject(s))).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;color:#111827;-webkit-text-size-adjust:100%;\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;padding:16px 12px;box-sizing:border-box;\">")
            .Append("<p style=\"margin:0;font-size:13px;color:#047857;font-weight:bold;\">").Append(E(s.CooperativeName)).Append("</p>")
            .Append("<h1 style=\"margin:4px 0 12px;font-size:22px;\">").Append(StatementWords.TitleOf(s)).Append(' ').Append(E(s.PeriodName)).Append("</h1>")
            .Append("<table role=\"presentation\" style=\"border-collapse:collapse;font-size:14px;margin-bottom:12px;\">");
        Row(html, "Anggota", E(s.MemberName));
        Row(html, "No. anggota", E(s.MemberId));
        Row(html, "Periode", $"{E(StatementWords.PeriodRange(s))} ({E(StatementWords.ZoneLabel(s.TimeZone))})");
        html.Append("</table>");

        html.Append("<div style=\"background:#ecfdf5;border-radius:6px;padding:10px 12px;margin-bottom:16px;\">")
            .Append("<div style=\"font-size:13px;color:#065f46;\">Total simpanan per ").Append(E(StatementPeriod.FormatLongDate(LedgerKeys.ParseDate(s.To)))).Append("</div>")
            .Append("<div data-closing=\"total\" style=\"font-size:24px;font-weight:bold;color:#064e3b;\">").Append(Rupiah.Format(s.Totals.ClosingBalance)).Append("</div>")
            .Append("<div style=\"font-size:13px;color:#065f46;\">Saldo awal ").Append(Rupiah.Format(s.Totals.OpeningBalance))
            .Append(" &middot; masuk ").Append(Rupiah.Format(s.Totals.TotalIn))
            .Append(" &middot; keluar ").Append(Rupiah.Format(s.Totals.TotalOut)).Append("</div></div>");

        foreach (var account in s.Accounts)
        {
            AccountSection(html, account);
        }
        if (s.Accounts.Any(a => a.Movements.Any(m => m.Late)))
        {
            html.Append("<p style=\"font-size:12px;color:#6b7280;margin:8px 0;\">").Append(E(StatementWords.LateNote(s))).Append("</p>");
        }
        if (s.Loans.Count > 0)
        {
            html.Append("<h2 style=\"font-size:17px;margin:24px 0 6px;\">Pinjaman</h2>");
            foreach (var loan in s.Loans)
            {
                LoanSection(html, s, loan);
            }
        }
        if (s.ChainHead is { } head)
        {
            html.Append("<p data-chain-digest=\"").Append(E(head.Digest)).Append("\" style=\"font-size:12px;color:#374151;margin:16px 0 0;font-family:monospace;\">")
                .Append(E(StatementWords.ChainLine(head))).Append("</p>");
        }
        html.Append("<p style=\"font-size:12px;color:#6b7280;margin:16px 0 0;\">").Append(E(StatementWords.Footer))
            .Append(" Tanggal menurut zona waktu koperasi (").Append(E(StatementWords.ZoneLabel(s.TimeZone))).Append(").</p>")
            .Append("</div></body></html>");
        return html.ToString();
    }

    private static void AccountSection(StringBuilder html, StatementAccount a)
    {
        html.Append("<h2 style=\"font-size:17px;margin:20px 0 6px;\">").Append(E(a.Name)).Append("</h2>")
            .Append("<table style=\"width:100%;border-collapse:collapse;font-size:13px;\">")
            .Append("<thead><tr><th style=\"").Append(Head).Append("text-align:left;\">Tanggal</th><th style=\"").Append(Head).Append("text-align:left;\">Keterangan</th>")
            .Append("<th style=\"").Append(Head).Append("text-align:right;\">Mutasi</th><th style=\"").Append(Head).Append("text-align:right;\">Saldo</th></tr></thead><tbody>")
            .Append("<tr><td style=\"").Append(Cell).Append("\"></td><td style=\"").Append(Cell).Append("color:#374151;\">Saldo awal</td><td style=\"").Append(Amount)
            .Append("\"></td><td style=\"").Append(Amount).Append("\">").Append(Rupiah.Format(a.OpeningBalance)).Append("</td></tr>");
        if (a.Movements.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\" style=\"").Append(Cell).Append("color:#6b7280;font-style:italic;\">Tidak ada transaksi pada periode ini.</td></tr>");
        }
        foreach (var m in a.Movements)
        {
            html.Append("<tr><td style=\"").Append(Cell).Append("white-space:nowrap;\">").Append(E(StatementWords.ShortDate(m.Date)[..6])).Append(m.Late ? "*" : "")
                .Append("</td><td style=\"").Append(Cell).Append("word-break:break-word;overflow-wrap:anywhere;\">").Append(E(StatementWords.Label(m)))
                .Append("<div style=\"font-size:11px;color:#6b7280;\">").Append(E(StatementWords.KindLabel(m.Kind)))
                .Append(m.Late ? " &middot; tgl asli " + E(StatementWords.ShortDate(m.Date)) : "").Append("</div></td>")
                .Append("<td style=\"").Append(Amount).Append(m.Change < 0 ? "color:#b91c1c;" : "color:#047857;").Append("\">").Append(StatementWords.Signed(m.Change)).Append("</td>")
                .Append("<td style=\"").Append(Amount).Append("\">").Append(Rupiah.Format(m.Balance)).Append("</td></tr>");
        }
        html.Append("<tr><td colspan=\"3\" style=\"").Append(Cell).Append("font-weight:bold;\">Saldo akhir</td><td data-closing=\"").Append(E(a.Account)).Append("\" style=\"")
            .Append(Amount).Append("font-weight:bold;\">").Append(Rupiah.Format(a.ClosingBalance)).Append("</td></tr></tbody></table>")
            .Append("<p style=\"font-size:12px;color:#6b7280;margin:4px 0 0;\">Total masuk ").Append(Rupiah.Format(a.TotalIn))
            .Append(" &middot; total keluar ").Append(Rupiah.Format(a.TotalOut)).Append("</p>");
    }

    /// <summary>One loan as a card of label/amount rows: narrow enough for a phone, the amounts never wrapped.</summary>
    private static void LoanSection(StringBuilder html, MemberStatement s, StatementLoan loan)
    {
        html.Append("<div data-loan=\"").Append(E(loan.LoanId)).Append("\" style=\"border:1px solid #e5e7eb;border-radius:6px;padding:10px 12px;margin:0 0 12px;\">")
            .Append("<div style=\"font-size:15px;font-weight:bold;word-break:break-word;overflow-wrap:anywhere;\">").Append(E(StatementWords.LoanTitle(loan))).Append("</div>")
            .Append("<div style=\"font-size:12px;color:#6b7280;\">").Append(E(StatementWords.LoanLine(loan))).Append("</div>")
            .Append("<table style=\"width:100%;border-collapse:collapse;font-size:13px;margin-top:6px;\"><tbody>");
        LoanRow(html, loan, "sisa-pokok", "Sisa pokok", "per " + StatementWords.MonthEnd(s), loan.OutstandingPrincipal, "font-weight:bold;");

        LoanHeading(html, "Angsuran bulan ini");
        if (loan.Payments.Count == 0)
        {
            html.Append("<tr><td colspan=\"2\" style=\"").Append(Cell).Append("color:#6b7280;font-style:italic;\">Tidak ada angsuran pada periode ini.</td></tr>");
        }
        else
        {
            LoanRow(html, loan, "pokok", "Pokok", null, loan.Paid.Principal);
            LoanRow(html, loan, "jasa", "Jasa", null, loan.Paid.Interest);
            LoanRow(html, loan, "denda", "Denda", null, loan.Paid.Penalty);
            LoanRow(html, loan, "dibayar", "Jumlah dibayar", string.Join(" \u00b7 ", loan.Payments.Select(p => $"{StatementPeriod.FormatDate(p.Date)} {Rupiah.Format(p.Total)}")),
                loan.Paid.Total, "font-weight:bold;");
        }
        if (loan.Recovered > 0)
        {
            LoanRow(html, loan, "pemulihan", "Diterima setelah hapus buku", null, loan.Recovered);
        }
        if (loan.NextInstallment is { } next)
        {
            LoanHeading(html, "Angsuran berikutnya");
            LoanRow(html, loan, "angsuran-berikutnya", StatementWords.InstallmentName(next), "Jatuh tempo " + StatementPeriod.FormatLongDate(next.DueDate), next.AmountDue, "font-weight:bold;");
        }
        if (loan.Arrears is { } arrears)
        {
            LoanHeading(html, "Tunggakan");
            if (arrears.DaysPastDue == 0 && arrears.PenaltyDue == 0)
            {
                html.Append("<tr><td colspan=\"2\" data-figure=\"").Append(E(loan.LoanId)).Append(":tunggakan\" style=\"").Append(Cell).Append("color:#047857;\">Tidak ada tunggakan.</td></tr>");
            }
            else
            {
                LoanRow(html, loan, "tunggakan", "Tunggakan", StatementWords.DaysPastDue(arrears), arrears.Overdue, "color:#b91c1c;font-weight:bold;");
                LoanRow(html, loan, "denda-terutang", "Denda", "belum dibayar", arrears.PenaltyDue, "color:#b91c1c;");
            }
        }
        html.Append("</tbody></table></div>");
    }

    private static void LoanHeading(StringBuilder html, string text) =>
        html.Append("<tr><td colspan=\"2\" style=\"padding:10px 4px 2px;font-size:12px;color:#6b7280;border-bottom:2px solid #d1d5db;\">").Append(E(text)).Append("</td></tr>");

    private static void LoanRow(StringBuilder html, StatementLoan loan, string figure, string label, string? note, long amount, string amountStyle = "") =>
        html.Append("<tr><td style=\"").Append(Cell).Append("word-break:break-word;overflow-wrap:anywhere;\">").Append(E(label))
            .Append(note is null ? "" : "<div style=\"font-size:11px;color:#6b7280;\">" + E(note) + "</div>")
            .Append("</td><td data-figure=\"").Append(E(loan.LoanId)).Append(':').Append(figure).Append("\" style=\"").Append(Amount).Append(amountStyle).Append("\">")
            .Append(Rupiah.Format(amount)).Append("</td></tr>");

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td style=\"padding:2px 12px 2px 0;color:#6b7280;white-space:nowrap;vertical-align:top;\">").Append(label)
            .Append("</td><td style=\"padding:2px 0;font-weight:bold;\">").Append(value).Append("</td></tr>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
