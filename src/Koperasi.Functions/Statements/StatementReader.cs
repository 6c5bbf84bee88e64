using Koperasi.Functions.Api;
using Koperasi.Functions.Audit;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Statements;

/// <summary>
/// Builds a member's statement from the ledger read for the month's first and last day, so the figures are the
/// ledger's own. A closed month is first closed in the member's own partition (<see cref="MemberClosing"/>), so no
/// posting can change it after it is read. The loans come from the member's loan rows, read in one RowKey-range query
/// of the same partition (<see cref="LoanStore.AllForMemberAsync"/>).
/// </summary>
public sealed class StatementReader(LedgerReader ledger, MemberClosing closing, LoanStore loans, MonthlyRoots roots)
{
    public async Task<MemberStatement> ReadAsync(Cooperative cooperative, Member member, StatementPeriod period, CancellationToken cancellationToken = default)
    {
        MonthHead? head = null;
        if (cooperative.ClosedThrough is { } closedThrough && closedThrough >= period.First)
        {
            head = await closing.CloseThroughAsync(cooperative.Id, member.Id, period.First, cancellationToken);
            if (head is not null)
            {
                // The statement run's visit is what puts the member's head into the month's root.
                await roots.RecordAsync(cooperative.Id, member.Id, period.Key, head, cancellationToken);
            }
        }
        var memberLoans = loans.AllForMemberAsync(cooperative.Id, member.Id, cancellationToken);
        var lines = new List<LedgerLine>();
        MemberLedger page;
        string? token = null;
        do
        {
            page = await ledger.MemberLedgerAsync(cooperative.Id, member.Id, period.First, period.Last, new Paging(Paging.MaxLimit, token), cancellationToken);
            lines.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var accounts = TransactionKinds.SavingsAccounts.Select(code =>
        {
            var movements = lines.Where(l => l.Account == code).Select(l => Movement(l, cooperative, period)).ToList();
            return new StatementAccount(code, ChartOfAccounts.Find(code).Name, page.OpeningBalances[code], movements,
                movements.Where(m => m.Change > 0).Sum(m => m.Change), -movements.Where(m => m.Change < 0).Sum(m => m.Change), page.ClosingBalances[code]);
        }).ToList();
        var totals = new StatementTotals(accounts.Sum(a => a.OpeningBalance), accounts.Sum(a => a.TotalIn), accounts.Sum(a => a.TotalOut), accounts.Sum(a => a.ClosingBalance));
        return new MemberStatement(cooperative.Id, cooperative.Name, cooperative.TimeZone, member.Id, member.Name, period.Key, period.Name,
            LedgerKeys.Date(period.First), LedgerKeys.Date(period.Last), cooperative.ClosedThrough is { } closed && closed >= period.First, accounts, totals)
        {
            Loans = StatementLoan.For(await memberLoans, period),
            ChainHead = head,
        };
    }

    private static StatementMovement Movement(LedgerLine line, Cooperative cooperative, StatementPeriod period)
    {
        var happened = BusinessCalendar.LocalDate(line.OccurredAt, cooperative);
        return new StatementMovement(LedgerKeys.Date(happened), line.BusinessDate, happened < period.First, line.OccurredAt, line.TransactionId,
            line.Kind, line.Reference, line.Description, line.Change, line.Balances[line.Account]);
    }
}
