using System.Text;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Statements;

/// <summary>The plain-text alternative of a statement: the same figures, for mail clients that show no HTML.</summary>
public static class StatementText
{
    public static string Render(MemberStatement s)
    {
        var text = new StringBuilder();
        text.AppendLine($"{StatementWords.Title.ToUpperInvariant()} {s.PeriodName.ToUpperInvariant()}")
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
            text.AppendLine(StatementWords.LateNote(s));
        }
        text.AppendLine(StatementWords.Footer);
        return text.ToString();
    }

    private static string Trim(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "~";
}
