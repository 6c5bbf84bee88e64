using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// The three SAK EP statements, each computed from <see cref="LedgerReader.TrialBalanceAsync"/> alone (a period's
/// movements are TB(to) − TB(from − 1 day)), plus the year-closing journal (added back where a report must show the
/// year as it was before its close) and, for the members' and non-members' income, the general journal's rollups.
/// See docs/reports.md.
/// </summary>
public sealed class BookReports(LedgerReader ledger, GeneralJournalReads generalJournal, CooperativeStore cooperatives, ChartOfAccountsStore charts, TimeProvider time)
{
    /// <summary>The computed equity line of earlier years' results not yet distributed (or never closed).</summary>
    public const string ShuTahunLalu = "shu_tahun_lalu";

    /// <summary>The computed row of the statement of changes in equity for income − expenses not (yet) closed into equity.</summary>
    public const string HasilUsahaBelumDitutup = "hasil_usaha_belum_ditutup";

    /// <summary>The longest period of an income report, in years.</summary>
    public const int MaxIncomeYears = 10;

    private static readonly DateOnly Earliest = new(1901, 1, 1);
    private static readonly DateOnly Latest = new(9998, 12, 31);

    public async Task<FinancialPosition> FinancialPositionAsync(string cooperativeId, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var cooperative = await CooperativeAsync(cooperativeId, cancellationToken);
        var date = InRange(asOf ?? BusinessCalendar.Today(time, cooperative), "asOf");
        var yearEnd = new DateOnly(date.Year, 12, 31);
        var chart = await ReportChart.ForAsync(charts, cooperativeId, cancellationToken);
        var now = ledger.TrialBalanceAsync(cooperativeId, date, cancellationToken);
        var lastYear = ledger.TrialBalanceAsync(cooperativeId, yearEnd.AddYears(-1), cancellationToken);
        var close = date == yearEnd ? generalJournal.YearCloseAsync(cooperativeId, date.Year, cancellationToken) : Task.FromResult<IReadOnlyList<JournalLine>>([]);
        // As if this year were still open: its closing journal (dated 31 December) is taken out again.
        var open = AccountTotals.Of(await now).Without(await close);
        var before = AccountTotals.Of(await lastYear);

        var resultBefore = Result(chart, before);
        var shuThisYear = Result(chart, open) - resultBefore;
        var shuEarlier = open.Balance(chart.Account(ChartOfAccounts.ShuTahunBerjalan)) + resultBefore;
        var equity = Lines(chart, open, AccountClass.Equity).Where(l => l.Code != ChartOfAccounts.ShuTahunBerjalan).ToList();
        if (shuEarlier != 0)
        {
            equity.Add(new ReportLine(ShuTahunLalu, "SHU Tahun Lalu Belum Dibagi", shuEarlier));
        }
        equity.Add(new ReportLine(ChartOfAccounts.ShuTahunBerjalan, chart.Account(ChartOfAccounts.ShuTahunBerjalan).Name, shuThisYear));
        var liabilities = ReportSection.Of(Lines(chart, open, AccountClass.Liability));
        var equitySection = ReportSection.Of(equity);
        return new FinancialPosition(cooperative.Name, LedgerKeys.Date(date), ReportSection.Of(Lines(chart, open, AccountClass.Asset)),
            liabilities, equitySection, liabilities.Total + equitySection.Total, shuThisYear);
    }

    public async Task<IncomeReport> IncomeAsync(string cooperativeId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var cooperative = await CooperativeAsync(cooperativeId, cancellationToken);
        var end = InRange(to ?? BusinessCalendar.Today(time, cooperative), "to");
        var start = InRange(from ?? new DateOnly(end.Year, 1, 1), "from");
        if (start > end)
        {
            throw Invalid("from", "must not be after 'to'");
        }
        // Each 31 December inside the period costs two point reads (its close): a bound keeps a request's cost bounded.
        if (start.Year <= Latest.Year - MaxIncomeYears && end >= start.AddYears(MaxIncomeYears))
        {
            throw Invalid("to", $"must be less than {MaxIncomeYears} years after 'from'");
        }
        var chart = await ReportChart.ForAsync(charts, cooperativeId, cancellationToken);
        var atEnd = ledger.TrialBalanceAsync(cooperativeId, end, cancellationToken);
        var beforeStart = ledger.TrialBalanceAsync(cooperativeId, start.AddDays(-1), cancellationToken);
        var nonMember = generalJournal.TotalsAsync(cooperativeId, start, end, cancellationToken);
        var closedYears = Enumerable.Range(start.Year, end.Year - start.Year + 1).Where(y => new DateOnly(y, 12, 31) <= end).ToList();
        var closes = await Task.WhenAll(closedYears.Select(y => generalJournal.YearCloseAsync(cooperativeId, y, cancellationToken)));
        var closeLines = closes.SelectMany(c => c).ToList();
        var movements = AccountTotals.Of(await atEnd).Minus(AccountTotals.Of(await beforeStart)).Without(closeLines);
        // The closing journals are the general journal's own, so they come out of its rollups too.
        var general = (await nonMember).Without(closeLines);

        var income = new List<IncomeLine>();
        foreach (var line in Lines(chart, movements, AccountClass.Income))
        {
            var outside = general.Balance(chart.Account(line.Code));
            income.Add(new IncomeLine(line.Code, line.Name, line.Amount, line.Amount - outside, outside));
        }
        var incomeSection = IncomeSection.Of(income);
        var expenses = ReportSection.Of(Lines(chart, movements, AccountClass.Expense));
        var addedBack = closedYears.Where((_, i) => closes[i].Count > 0).Select(GeneralJournalReads.YearCloseId).ToList();
        return new IncomeReport(cooperative.Name, LedgerKeys.Date(start), LedgerKeys.Date(end), incomeSection, expenses,
            incomeSection.Total - expenses.Total, addedBack);
    }

    public async Task<EquityChanges> EquityChangesAsync(string cooperativeId, int? year, CancellationToken cancellationToken = default)
    {
        var cooperative = await CooperativeAsync(cooperativeId, cancellationToken);
        var y = year ?? BusinessCalendar.Today(time, cooperative).Year;
        if (y < Earliest.Year || y > Latest.Year)
        {
            throw Invalid("year", $"must be a year from {Earliest.Year} to {Latest.Year}");
        }
        var chart = await ReportChart.ForAsync(charts, cooperativeId, cancellationToken);
        var yearEnd = new DateOnly(y, 12, 31);
        var atEnd = ledger.TrialBalanceAsync(cooperativeId, yearEnd, cancellationToken);
        var atStart = ledger.TrialBalanceAsync(cooperativeId, yearEnd.AddYears(-1), cancellationToken);
        var closeLines = await generalJournal.YearCloseAsync(cooperativeId, y, cancellationToken);
        var closing = AccountTotals.Of(await atEnd);
        var opening = AccountTotals.Of(await atStart);
        var movements = closing.Minus(opening).Without(closeLines);
        long Closed(IEnumerable<string> codes) => closeLines.Where(l => codes.Contains(l.Account)).Sum(l => l.Credit - l.Debit);

        var lines = new List<EquityChangeLine>();
        foreach (var code in chart.Ordered(closing.Codes.Union(opening.Codes, StringComparer.Ordinal)).Where(c => chart.Account(c).Class == AccountClass.Equity))
        {
            var account = chart.Account(code);
            var line = new EquityChangeLine(code, account.Name, opening.Balance(account), movements.Credit(code), movements.Debit(code), Closed([code]), closing.Balance(account));
            if (line is not { Opening: 0, Additions: 0, Deductions: 0, YearClose: 0, Closing: 0 })
            {
                lines.Add(line);
            }
        }
        var resultCodes = movements.Codes.Union(closing.Codes, StringComparer.Ordinal).Where(c => chart.Account(c).Class is AccountClass.Income or AccountClass.Expense).ToList();
        var incomeNet = resultCodes.Where(c => chart.Account(c).Class == AccountClass.Income).Sum(c => movements.Credit(c) - movements.Debit(c));
        var expenseNet = resultCodes.Where(c => chart.Account(c).Class == AccountClass.Expense).Sum(c => movements.Debit(c) - movements.Credit(c));
        lines.Add(new EquityChangeLine(HasilUsahaBelumDitutup, "SHU Tahun Berjalan Belum Ditutup (Pendapatan − Beban)",
            Result(chart, opening), incomeNet, expenseNet, Closed(resultCodes), Result(chart, closing)));
        var total = new EquityChangeLine("jumlah", "Jumlah Ekuitas", lines.Sum(l => l.Opening), lines.Sum(l => l.Additions), lines.Sum(l => l.Deductions),
            lines.Sum(l => l.YearClose), lines.Sum(l => l.Closing));
        return new EquityChanges(cooperative.Name, y, LedgerKeys.Date(new DateOnly(y, 1, 1)), LedgerKeys.Date(yearEnd), lines, total,
            incomeNet - expenseNet, closeLines.Count > 0);
    }

    /// <summary>Each account of the class with a balance, in the chart's order, on the class's normal side.</summary>
    private static List<ReportLine> Lines(ReportChart chart, AccountTotals totals, AccountClass accountClass) =>
        chart.Ordered(totals.Codes).Select(chart.Account).Where(a => a.Class == accountClass)
            .Select(a => new ReportLine(a.Code, a.Name, totals.Balance(a))).Where(l => l.Amount != 0).ToList();

    /// <summary>Income − expenses in the totals: what is not closed into equity.</summary>
    private static long Result(ReportChart chart, AccountTotals totals) =>
        totals.Codes.Select(chart.Account).Sum(a => a.Class switch
        {
            AccountClass.Income => totals.Balance(a),
            AccountClass.Expense => -totals.Balance(a),
            _ => 0,
        });

    private async Task<Cooperative> CooperativeAsync(string cooperativeId, CancellationToken cancellationToken) =>
        await cooperatives.FindAsync(cooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{cooperativeId}' of an authenticated caller does not exist.");

    private static DateOnly InRange(DateOnly date, string name) => date >= Earliest && date <= Latest
        ? date
        : throw Invalid(name, $"must be a date from {LedgerKeys.Date(Earliest)} to {LedgerKeys.Date(Latest)}");

    private static ApiProblemException Invalid(string name, string message) =>
        new(ApiProblem.Validation("invalid_query", "The query is not valid.", new Dictionary<string, string[]> { [name] = [message] }));
}
