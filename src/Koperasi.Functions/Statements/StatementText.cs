using System.Text;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Statements;

/// <summary>The plain-text alternative of a statement: the same figures, for mail clients that show no HTML.</summary>
public static class StatementText
{
    public static string Render(MemberStatement s)
    {
        var text = new StringBuilder();
        text.AppendLine($"{StatementWords.TitleOf(s).ToUpperInvariant()} {s.PeriodName.ToUpperInvariant()}")
            .AppendLine(s.CooperativeName)
            .AppendLine()
            .AppendLine($"Anggota     : {s.MemberName}")
            .AppendLine($"No. anggota : {s.MemberId}")
            .AppendLine($"Periode     : {StatementWords.PeriodRange(s)} ({StatementWords.ZoneLabel(s.TimeZone)})")
            .AppendLine();
        foreach (var a in s.Accounts)
        {
            text.AppendLine(a.Name.ToUpperInvariant())
                .AppendLine($"  Saldo awal{Rupiah.Format(a.OpeningBalance),40}");
            if (a.Movements.Count == 0)
            {
                text.AppendLine("  Tidak ada transaksi pada periode ini.");
            }
            foreach (var m in a.Movements)
            {
                text.AppendLine($"  {StatementWords.ShortDate(m.Date)}{(m.Late ? "*" : " ")} {Trim(StatementWords.Label(m), 24),-24} {StatementWords.Signed(m.Change),14}  saldo {Rupiah.Format(m.Balance)}");
            }
            text.AppendLine($"  Saldo akhir{Rupiah.Format(a.ClosingBalance),39}")
                .AppendLine($"  Total masuk {Rupiah.Format(a.TotalIn)}, total keluar {Rupiah.Format(a.TotalOut)}")
                .AppendLine();
        }
        text.AppendLine("TOTAL SIMPANAN")
            .AppendLine($"  Saldo awal {Rupiah.Format(s.Totals.OpeningBalance)}, masuk {Rupiah.Format(s.Totals.TotalIn)}, keluar {Rupiah.Format(s.Totals.TotalOut)}")
            .AppendLine($"  Saldo akhir {Rupiah.Format(s.Totals.ClosingBalance)}")
            .AppendLine();
        if (s.Accounts.Any(a => a.Movements.Any(m => m.Late)))
        {
            text.AppendLine(StatementWords.LateNote(s)).AppendLine();
        }
        if (s.Loans.Count > 0)
        {
            text.AppendLine("PINJAMAN");
            foreach (var loan in s.Loans)
            {
                Loan(text, s, loan);
            }
        }
        if (s.ChainHead is { } head)
        {
            text.AppendLine(StatementWords.ChainLine(head)).AppendLine();
        }
        text.AppendLine(StatementWords.Footer);
        return text.ToString();
    }

    private static void Loan(StringBuilder text, MemberStatement s, StatementLoan loan)
    {
        text.AppendLine($"  {StatementWords.LoanTitle(loan)}")
            .AppendLine($"  {StatementWords.LoanLine(loan)}")
            .AppendLine($"  Sisa pokok per {StatementWords.MonthEnd(s)}: {Rupiah.Format(loan.OutstandingPrincipal)}");
        if (loan.Payments.Count == 0)
        {
            text.AppendLine("  Angsuran bulan ini: tidak ada.");
        }
        else
        {
            text.AppendLine($"  Angsuran bulan ini: {Rupiah.Format(loan.Paid.Total)}")
                .AppendLine($"    Pokok {Rupiah.Format(loan.Paid.Principal)}, Jasa {Rupiah.Format(loan.Paid.Interest)}, Denda {Rupiah.Format(loan.Paid.Penalty)}");
            foreach (var p in loan.Payments)
            {
                text.AppendLine($"    {StatementPeriod.FormatDate(p.Date)} {Rupiah.Format(p.Total),14}");
            }
        }
        if (loan.Recovered > 0)
        {
            text.AppendLine($"  Diterima setelah hapus buku: {Rupiah.Format(loan.Recovered)}");
        }
        if (loan.NextInstallment is { } next)
        {
            text.AppendLine($"  Angsuran berikutnya: ke-{next.Number}, jatuh tempo {StatementPeriod.FormatDate(next.DueDate)}, {Rupiah.Format(next.AmountDue)}");
        }
        if (loan.Arrears is { } arrears)
        {
            text.AppendLine(arrears.DaysPastDue == 0 && arrears.PenaltyDue == 0
                ? "  Tunggakan: tidak ada."
                : $"  Tunggakan: {Rupiah.Format(arrears.Overdue)} ({StatementWords.DaysPastDue(arrears)}), denda belum dibayar {Rupiah.Format(arrears.PenaltyDue)}");
        }
        text.AppendLine();
    }

    private static string Trim(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "~";
}
