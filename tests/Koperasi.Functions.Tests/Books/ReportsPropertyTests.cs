using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Xunit.Abstractions;
using static Koperasi.Functions.Tests.Books.BookModel;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// Random books over 2025 and 2026 (deposits, withdrawals, loans disbursed and repaid with jasa and denda on random
/// dates, the cooperative's own expenses and non-member income in the general journal, the 2025 close and a share-out
/// of its SHU): every figure of the three reports is recomputed from the postings the test made (<see cref="BookModel"/>),
/// and the reports also equal the app's trial balance for the same dates. The seed is printed; set
/// KOPERASI_PROPERTY_SEED to replay one. The loans' split of each repayment into pokok, jasa and denda is read from the
/// loan (its installments' paid parts as of the date), and checked to add up to the money the test paid in.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReportsPropertyTests(ApiFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Expenses = [ChartOfAccounts.BebanGaji, ChartOfAccounts.BebanListrikAir, ChartOfAccounts.BebanSewa, ChartOfAccounts.BebanAlatTulis];

    private const int Repayment = 100;

    private sealed record Loan(string Id, string Member, long Principal, DateOnly DisbursedOn, List<(DateOnly Date, long Amount)> Repayments);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reports_RandomPostings_EqualIndependentFiguresAndTheTrialBalance(int run)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KOPERASI_PROPERTY_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"run {run}: seed {seed}");
        var random = new Random(seed);
        var coop = await fixture.NewCooperativeAsync(pokok: 100_000);
        await LoanJson.PutProductAsync(coop, product: LoanJson.Product(maxActive: 3));
        var members = Enumerable.Range(1, 4).Select(i => $"R{i}").ToList();
        foreach (var m in members)
        {
            await coop.AddMemberAsync(m);
        }
        var model = new BookModel();
        var general = new JournalSteps(coop);
        var loans = new List<Loan>();
        var sukarela = members.ToDictionary(m => m, _ => 0L);
        var journalNumber = 0;

        var start = new DateOnly(2025, 1, 2);
        var end = new DateOnly(2026, 11, 28);
        // Events in date order; a disbursement adds its loan's repayments to the queue.
        var events = new PriorityQueue<(DateOnly Date, int Kind, Loan? Loan, long Amount), (DateOnly, int)>();
        var order = 0;
        for (var i = 0; i < 45; i++)
        {
            var date = start.AddDays(random.Next(1, 690));
            events.Enqueue((date, random.Next(10), null, 0), (date, order++));
        }
        foreach (var member in members)
        {
            await ReportSteps.SavingsAsync(coop, member, TransactionKinds.Deposit, TransactionKinds.SimpananPokok, 100_000, start);
            model.Add(start, false, (ChartOfAccounts.Kas, 100_000, 0), (TransactionKinds.SimpananPokok, 0, 100_000));
        }
        var closed = false;
        while (events.TryDequeue(out var e, out _))
        {
            var (date, kind) = (e.Date, e.Kind);
            if (!closed && date.Year == 2026)
            {
                closed = true;
                await CloseAndShareOutAsync(coop, model, general, loans);
            }
            var member = members[random.Next(members.Count)];
            var amount = random.Next(1, 40) * 25_000L;
            switch (kind)
            {
                case 0 or 1:
                    await ReportSteps.SavingsAsync(coop, member, TransactionKinds.Deposit, TransactionKinds.SimpananWajib, 50_000, date);
                    model.Add(date, false, (ChartOfAccounts.Kas, 50_000, 0), (TransactionKinds.SimpananWajib, 0, 50_000));
                    break;
                case 2 or 3:
                    await ReportSteps.SavingsAsync(coop, member, TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, amount, date);
                    model.Add(date, false, (ChartOfAccounts.Kas, amount, 0), (TransactionKinds.SimpananSukarela, 0, amount));
                    sukarela[member] += amount;
                    break;
                case 4 when sukarela[member] > 0:
                    var withdrawn = Math.Min(amount, sukarela[member]);
                    await ReportSteps.SavingsAsync(coop, member, TransactionKinds.Withdrawal, TransactionKinds.SimpananSukarela, withdrawn, date);
                    model.Add(date, false, (TransactionKinds.SimpananSukarela, withdrawn, 0), (ChartOfAccounts.Kas, 0, withdrawn));
                    sukarela[member] -= withdrawn;
                    break;
                case 5 when date < new DateOnly(2026, 9, 1) && loans.Count(l => l.Member == member) < 3:
                    var loan = await DisburseAsync(coop, model, member, date, random);
                    loans.Add(loan);
                    var installment = loan.Principal / 12 + loan.Principal * 150 / 10_000;
                    var due = date;
                    for (var month = 1; month <= 12; month++)
                    {
                        // Around each due date: early, on time, or late enough to bear denda.
                        due = Max(due.AddDays(1), date.AddMonths(month).AddDays(random.Next(-5, 25)));
                        if (due <= end)
                        {
                            events.Enqueue((due, Repayment, loan, installment * random.Next(6, 13) / 10), (due, order++));
                        }
                    }
                    break;
                case Repayment:
                    var status = await LoanSteps.RepayAsync(coop, Postings.NewId(), e.Loan!.Member, e.Loan.Id, e.Amount, LoanSteps.At(date.Year, date.Month, date.Day));
                    if (status.GetProperty("status").GetString() == "posted")
                    {
                        e.Loan.Repayments.Add((date, e.Amount));
                    }
                    else
                    {
                        // Only an overpayment or a loan already paid off may refuse; nothing is booked then.
                        Assert.Contains(status.GetProperty("reason").GetProperty("code").GetString(), new[] { "overpayment", "loan_not_active" });
                    }
                    break;
                case 6 or 7:
                    // The cooperative's own business: an expense, or income from non-members, in the general journal.
                    var id = $"ju-{++journalNumber}";
                    if (random.Next(3) == 0)
                    {
                        await general.PostAsync(id, date, [new(ChartOfAccounts.Bank, amount, 0), new(ChartOfAccounts.PendapatanLain, 0, amount)]);
                        model.Add(date, true, (ChartOfAccounts.Bank, amount, 0), (ChartOfAccounts.PendapatanLain, 0, amount));
                    }
                    else
                    {
                        var expense = Expenses[random.Next(Expenses.Length)];
                        var cost = amount / 5;
                        await general.PostAsync(id, date, [new(expense, cost, 0), new(ChartOfAccounts.Kas, 0, cost)]);
                        model.Add(date, true, (expense, cost, 0), (ChartOfAccounts.Kas, 0, cost));
                    }
                    break;
                case 8:
                    // An allowance for loan losses: the contra asset, credited.
                    var allowance = random.Next(1, 10) * 10_000L;
                    await general.PostAsync($"ju-{++journalNumber}", date,
                        [new(ChartOfAccounts.BebanOperasionalLain, allowance, 0), new(ChartOfAccounts.CadanganKerugianPiutang, 0, allowance)]);
                    model.Add(date, true, (ChartOfAccounts.BebanOperasionalLain, allowance, 0), (ChartOfAccounts.CadanganKerugianPiutang, 0, allowance));
                    break;
                default:
                    break;
            }
        }
        if (!closed)
        {
            await CloseAndShareOutAsync(coop, model, general, loans);
        }
        output.WriteLine($"{model.Lines.Count} journal lines, {loans.Count} loans, {loans.Sum(l => l.Repayments.Count)} repayments posted");

        var dates = new[] { new DateOnly(2025, 6, 30), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1), start.AddDays(random.Next(1, 690)), new DateOnly(2026, 11, 30) };
        var splits = new Dictionary<DateOnly, LoanSplit>();
        async Task<LoanSplit> SplitAsync(DateOnly d)
        {
            if (!splits.TryGetValue(d, out var split))
            {
                split = await LoanSplitAsync(coop, loans, d);
                splits[d] = split;
            }
            return split;
        }
        var last = await SplitAsync(new DateOnly(2026, 11, 30));
        output.WriteLine($"by 2026-11-30 the loans took in pokok {last.Principal}, jasa {last.Interest}, denda {last.Penalty}");
        foreach (var asOf in dates)
        {
            await AssertFinancialPositionAsync(coop, model, asOf, SplitAsync, $"seed {seed}, asOf {asOf}");
        }
        var from = start.AddDays(random.Next(0, 400));
        var periods = new[] { (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (new DateOnly(2025, 7, 1), new DateOnly(2026, 6, 30)), (from, from.AddDays(random.Next(0, 280))),
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30)) };
        foreach (var (f, t) in periods)
        {
            await AssertIncomeAsync(coop, model, f, t, SplitAsync, $"seed {seed}, income {f}..{t}");
        }
        foreach (var year in new[] { 2025, 2026 })
        {
            await AssertEquityChangesAsync(coop, model, year, SplitAsync, $"seed {seed}, equity {year}");
        }
    }

    private static async Task<Loan> DisburseAsync(TestCooperative coop, BookModel model, string member, DateOnly date, Random random)
    {
        var id = "RL-" + Guid.NewGuid().ToString("N")[..8];
        var principal = random.Next(10, 60) * 100_000L;
        await LoanSteps.ActiveLoanAsync(coop, id, member, LoanSteps.At(date.Year, date.Month, date.Day), principal, 12);
        var fee = principal / 100;   // 100 bps of a multiple of Rp100: exact
        model.Add(date, false, (ChartOfAccounts.PiutangPinjaman, principal, 0), (ChartOfAccounts.Kas, 0, principal - fee), (ChartOfAccounts.PendapatanAdministrasi, 0, fee));
        return new Loan(id, member, principal, date, []);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>The 2025 close (income and expenses of 2025 from the model into shu_tahun_berjalan), then part of its SHU shared out on 15 April 2026.</summary>
    private static async Task CloseAndShareOutAsync(TestCooperative coop, BookModel model, JournalSteps general, List<Loan> loans)
    {
        var yearEnd = new DateOnly(2025, 12, 31);
        var totals = model.Totals(yearEnd, await LoanSplitAsync(coop, loans, yearEnd));
        var income = OfClass(totals, AccountClass.Income).ToDictionary(a => a, a => Balance(totals, a));
        var expenses = OfClass(totals, AccountClass.Expense).ToDictionary(a => a, a => Balance(totals, a));
        await general.CloseYearAsync(2025, income, expenses);
        var shu = income.Values.Sum() - expenses.Values.Sum();
        var entries = income.Select(i => (i.Key, i.Value > 0 ? i.Value : 0, i.Value < 0 ? -i.Value : 0))
            .Concat(expenses.Select(e => (e.Key, e.Value < 0 ? -e.Value : 0, e.Value > 0 ? e.Value : 0)))
            .Append((ChartOfAccounts.ShuTahunBerjalan, shu < 0 ? -shu : 0, shu > 0 ? shu : 0)).ToArray();
        model.Add(yearEnd, true, true, entries);
        if (shu > 0)
        {
            var reserve = shu * 4 / 10;
            var date = new DateOnly(2026, 4, 15);
            await general.PostAsync("pembagian-shu-2025", date,
                [new(ChartOfAccounts.ShuTahunBerjalan, reserve + shu / 10, 0), new(ChartOfAccounts.Cadangan, 0, reserve), new(ChartOfAccounts.DanaPendidikan, 0, shu / 10)]);
            model.Add(date, true, (ChartOfAccounts.ShuTahunBerjalan, reserve + shu / 10, 0), (ChartOfAccounts.Cadangan, 0, reserve), (ChartOfAccounts.DanaPendidikan, 0, shu / 10));
        }
    }

    private static async Task<LoanSplit> LoanSplitAsync(TestCooperative coop, List<Loan> loans, DateOnly asOf)
    {
        long principal = 0, interest = 0, penalty = 0, received = 0;
        foreach (var loan in loans.Where(l => l.DisbursedOn <= asOf))
        {
            var paid = await ReportSteps.PaidAsync(coop, loan.Id, asOf);
            var money = loan.Repayments.Where(r => r.Date <= asOf).Sum(r => r.Amount);
            Assert.True(paid.Principal + paid.Interest + paid.Penalty == money, $"loan {loan.Id} as of {asOf}: its parts {paid} do not add up to the {money} paid in");
            (principal, interest, penalty, received) = (principal + paid.Principal, interest + paid.Interest, penalty + paid.Penalty, received + money);
        }
        return new LoanSplit(principal, interest, penalty, received);
    }

    private static async Task AssertFinancialPositionAsync(TestCooperative coop, BookModel model, DateOnly asOf, Func<DateOnly, Task<LoanSplit>> split, string what)
    {
        var report = await ReportSteps.FinancialPositionAsync(coop, asOf);
        var priorYearEnd = new DateOnly(asOf.Year - 1, 12, 31);
        var all = model.Totals(asOf, await split(asOf));
        var open = model.Totals(asOf, await split(asOf), withCloses: false);
        var before = model.Totals(priorYearEnd, await split(priorYearEnd), withCloses: false);
        var trial = await ReportSteps.TrialBalanceAsync(coop, asOf);

        Assert.True(all.OrderBy(a => a.Key).SequenceEqual(trial.Where(t => t.Value != (0, 0)).OrderBy(t => t.Key)), $"{what}: the model and the trial balance differ");
        foreach (var (section, accountClass) in new[] { ("assets", AccountClass.Asset), ("liabilities", AccountClass.Liability) })
        {
            var expected = OfClass(all, accountClass).Select(a => (a, Balance(all, a))).Where(x => x.Item2 != 0).OrderBy(x => x.a).ToList();
            Assert.Equal(expected, ReportSteps.Lines(report.GetProperty(section)).Select(l => (l.Key, l.Value)).OrderBy(x => x.Key).ToList());
            Assert.Equal(expected.Sum(x => x.Item2), report.GetProperty(section).GetProperty("total").GetInt64());
        }
        var equity = ReportSteps.Lines(report.GetProperty("equity"));
        var shuThisYear = Result(Minus(open, before));
        var shuEarlier = Result(before) + Balance(open, ChartOfAccounts.ShuTahunBerjalan);
        var expectedEquity = OfClass(all, AccountClass.Equity).Where(a => a != ChartOfAccounts.ShuTahunBerjalan).Select(a => (a, Balance(all, a))).Where(x => x.Item2 != 0)
            .Append((ChartOfAccounts.ShuTahunBerjalan, shuThisYear)).Concat(shuEarlier != 0 ? [("shu_tahun_lalu", shuEarlier)] : Array.Empty<(string, long)>())
            .OrderBy(x => x.Item1).ToList();
        Assert.True(expectedEquity.SequenceEqual(equity.Select(e => (e.Key, e.Value)).OrderBy(e => e.Key)),
            $"{what}: equity {string.Join(", ", equity)} is not {string.Join(", ", expectedEquity)}");
        Assert.Equal(shuThisYear, report.GetProperty("shuTahunBerjalan").GetInt64());
        // Assets = liabilities + equity, to the rupiah, and equity is what the trial balance's equity and unclosed result make.
        var assets = report.GetProperty("assets").GetProperty("total").GetInt64();
        Assert.Equal(assets, report.GetProperty("liabilitiesAndEquity").GetInt64());
        Assert.Equal(assets, report.GetProperty("liabilities").GetProperty("total").GetInt64() + report.GetProperty("equity").GetProperty("total").GetInt64());
        Assert.True(report.GetProperty("balanced").GetBoolean());
        Assert.Equal(OfClass(trial, AccountClass.Equity).Sum(a => Balance(trial, a)) + Result(trial), report.GetProperty("equity").GetProperty("total").GetInt64());
    }

    private static async Task AssertIncomeAsync(TestCooperative coop, BookModel model, DateOnly from, DateOnly to, Func<DateOnly, Task<LoanSplit>> split, string what)
    {
        var report = await ReportSteps.IncomeAsync(coop, from, to);
        var dayBefore = from.AddDays(-1);
        var movement = Minus(model.Totals(to, await split(to), withCloses: false), model.Totals(dayBefore, await split(dayBefore), withCloses: false));
        var none = new LoanSplit(0, 0, 0, 0);
        var nonMember = Minus(model.Totals(to, none, withCloses: false, generalOnly: true), model.Totals(dayBefore, none, withCloses: false, generalOnly: true));
        var trialMovement = Minus(await ReportSteps.TrialBalanceAsync(coop, to), await ReportSteps.TrialBalanceAsync(coop, dayBefore));
        var closes = model.Lines.Where(l => l.Close && l.Date >= from && l.Date <= to).ToList();

        var lines = report.GetProperty("income").GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!);
        var expectedIncome = OfClass(movement, AccountClass.Income).Where(a => Balance(movement, a) != 0).Order().ToList();
        Assert.Equal(expectedIncome, lines.Keys.Order().ToList());
        foreach (var account in expectedIncome)
        {
            var line = lines[account];
            var closedAmount = closes.Where(l => l.Account == account).Sum(l => l.Debit - l.Credit);
            Assert.True(Balance(movement, account) == line.GetProperty("amount").GetInt64(), $"{what}: {account}");
            Assert.Equal(Balance(trialMovement, account) + closedAmount, line.GetProperty("amount").GetInt64());
            Assert.Equal(Balance(nonMember, account), line.GetProperty("nonMember").GetInt64());
            Assert.Equal(Balance(movement, account) - Balance(nonMember, account), line.GetProperty("member").GetInt64());
        }
        var expenses = ReportSteps.Lines(report.GetProperty("expenses"));
        var expectedExpenses = OfClass(movement, AccountClass.Expense).Select(a => (a, Balance(movement, a))).Where(x => x.Item2 != 0).OrderBy(x => x.a).ToList();
        Assert.Equal(expectedExpenses, expenses.Select(e => (e.Key, e.Value)).OrderBy(e => e.Key).ToList());
        Assert.Equal(Result(movement), report.GetProperty("shu").GetInt64());
        Assert.Equal(report.GetProperty("income").GetProperty("total").GetInt64() - report.GetProperty("expenses").GetProperty("total").GetInt64(), report.GetProperty("shu").GetInt64());
        Assert.Equal(closes.Count > 0 ? ["tutup-buku-2025"] : Array.Empty<string>(),
            report.GetProperty("yearClosesAddedBack").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    private static async Task AssertEquityChangesAsync(TestCooperative coop, BookModel model, int year, Func<DateOnly, Task<LoanSplit>> split, string what)
    {
        var report = await ReportSteps.EquityChangesAsync(coop, year);
        var (startDay, endDay) = (new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31));
        var opening = model.Totals(startDay, await split(startDay));
        var closing = model.Totals(endDay, await split(endDay));
        var inYear = Minus(model.Totals(endDay, await split(endDay), withCloses: false), model.Totals(startDay, await split(startDay), withCloses: false));
        var closeLines = model.Lines.Where(l => l.Close && l.Date.Year == year).ToList();
        var trialEnd = await ReportSteps.TrialBalanceAsync(coop, endDay);

        var rows = report.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!);
        foreach (var account in OfClass(closing, AccountClass.Equity).Union(OfClass(opening, AccountClass.Equity)))
        {
            var row = rows[account];
            var expected = (Balance(opening, account), inYear.GetValueOrDefault(account).Credit, inYear.GetValueOrDefault(account).Debit,
                closeLines.Where(l => l.Account == account).Sum(l => l.Credit - l.Debit), Balance(closing, account));
            Assert.True(expected == ReportSteps.Row(row), $"{what}: {account} {ReportSteps.Row(row)} is not {expected}");
            Assert.Equal(Balance(trialEnd, account), row.GetProperty("closing").GetInt64());
        }
        var result = rows["hasil_usaha_belum_ditutup"];
        var expectedResult = (Result(opening), OfClass(inYear, AccountClass.Income).Sum(a => Balance(inYear, a)), OfClass(inYear, AccountClass.Expense).Sum(a => Balance(inYear, a)),
            closeLines.Where(l => ChartOfAccounts.Find(l.Account).Class is AccountClass.Income or AccountClass.Expense).Sum(l => l.Credit - l.Debit), Result(closing));
        Assert.True(expectedResult == ReportSteps.Row(result), $"{what}: the unclosed result {ReportSteps.Row(result)} is not {expectedResult}");
        Assert.Equal(Result(inYear), report.GetProperty("shuTahunBerjalan").GetInt64());
        Assert.Equal(closeLines.Count > 0, report.GetProperty("closed").GetBoolean());
        var total = report.GetProperty("total");
        Assert.Equal(OfClass(trialEnd, AccountClass.Equity).Sum(a => Balance(trialEnd, a)) + Result(trialEnd), total.GetProperty("closing").GetInt64());
        Assert.Equal(0, rows.Values.Sum(r => r.GetProperty("yearClose").GetInt64()));
        // The year's closing equity is the financial position's equity on 31 December.
        Assert.Equal((await ReportSteps.FinancialPositionAsync(coop, endDay)).GetProperty("equity").GetProperty("total").GetInt64(), total.GetProperty("closing").GetInt64());
    }
}
