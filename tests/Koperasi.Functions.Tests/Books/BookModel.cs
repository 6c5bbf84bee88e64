using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// The test's own books: every journal line the test caused, with its date and whether it was booked in the general
/// journal (non-member business) or is a year's closing journal, plus, per report date, the loans' split of the
/// repayments into pokok, jasa and denda. Figures come from here, never from the app's trial balance.
/// </summary>
public sealed class BookModel
{
    public sealed record Line(DateOnly Date, string Account, long Debit, long Credit, bool General, bool Close);

    /// <summary>What the loans' repayments had paid by a date: principal, jasa, denda, and the money received.</summary>
    public sealed record LoanSplit(long Principal, long Interest, long Penalty, long Received);

    private readonly List<Line> lines = [];

    public IReadOnlyList<Line> Lines => lines;

    public void Add(DateOnly date, bool general, params (string Account, long Debit, long Credit)[] entries) => Add(date, general, false, entries);

    public void Add(DateOnly date, bool general, bool close, params (string Account, long Debit, long Credit)[] entries)
    {
        Assert.Equal(entries.Sum(e => e.Debit), entries.Sum(e => e.Credit));
        lines.AddRange(entries.Select(e => new Line(date, e.Account, e.Debit, e.Credit, general, close)));
    }

    /// <summary>Debit and credit per account of every line dated on or before <paramref name="asOf"/>, with the loans' split as of that date.</summary>
    public Dictionary<string, (long Debit, long Credit)> Totals(DateOnly asOf, LoanSplit loans, bool withCloses = true, bool generalOnly = false)
    {
        var totals = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        void Put(string account, long debit, long credit)
        {
            var t = totals.TryGetValue(account, out var v) ? v : (0, 0);
            totals[account] = (t.Debit + debit, t.Credit + credit);
        }
        foreach (var l in lines.Where(l => l.Date <= asOf && (withCloses || !l.Close) && (!generalOnly || l.General)))
        {
            Put(l.Account, l.Debit, l.Credit);
        }
        if (!generalOnly)
        {
            // Repayments: Dr kas; Cr denda, jasa, piutang (docs/loans.md).
            Put(ChartOfAccounts.Kas, loans.Received, 0);
            Put(ChartOfAccounts.PiutangPinjaman, 0, loans.Principal);
            Put(ChartOfAccounts.PendapatanJasaPinjaman, 0, loans.Interest);
            Put(ChartOfAccounts.PendapatanDenda, 0, loans.Penalty);
        }
        return totals.Where(t => t.Value != (0, 0)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    public static long Balance(IReadOnlyDictionary<string, (long Debit, long Credit)> totals, string account)
    {
        var (debit, credit) = totals.TryGetValue(account, out var t) ? t : (0, 0);
        return ChartOfAccounts.Find(account).IsDebitNormal ? debit - credit : credit - debit;
    }

    public static Dictionary<string, (long Debit, long Credit)> Minus(IReadOnlyDictionary<string, (long Debit, long Credit)> a, IReadOnlyDictionary<string, (long Debit, long Credit)> b) =>
        a.Keys.Union(b.Keys).ToDictionary(k => k, k =>
        {
            var x = a.TryGetValue(k, out var va) ? va : (0, 0);
            var y = b.TryGetValue(k, out var vb) ? vb : (0, 0);
            return (x.Debit - y.Debit, x.Credit - y.Credit);
        }, StringComparer.Ordinal);

    /// <summary>Income − expenses in the totals.</summary>
    public static long Result(IReadOnlyDictionary<string, (long Debit, long Credit)> totals) =>
        totals.Keys.Sum(k => ChartOfAccounts.Find(k).Class switch
        {
            AccountClass.Income => Balance(totals, k),
            AccountClass.Expense => -Balance(totals, k),
            _ => 0,
        });

    public static IEnumerable<string> OfClass(IReadOnlyDictionary<string, (long Debit, long Credit)> totals, AccountClass accountClass) =>
        totals.Keys.Where(k => ChartOfAccounts.Find(k).Class == accountClass);
}
