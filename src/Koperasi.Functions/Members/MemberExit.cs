using Azure.Data.Tables;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Members;

/// <summary>
/// A member's exit (keluar anggota): the quote reads the member's balances row and loans and plans the exit with the
/// same pure rules the posting applies (<see cref="MemberExitRules"/>); the exit posts that plan through the ledger at
/// once, in one entity-group transaction of the member's partition (journal, balances marked exited, loans closed),
/// then marks the member record. Asking again answers the exit as posted, read back from the ledger.
/// </summary>
public sealed class MemberExit(
    StorageAccount storage, MemberStore members, CooperativeStore cooperatives, LoanStore loans, LedgerPosting posting, TimeProvider time)
{
    /// <summary>Attempts when a posting changes the member's savings or loans between the plan and the exit's posting.</summary>
    private const int Attempts = 3;

    public static string TransactionId(string memberId) => $"~exit-{memberId}";

    public async Task<MemberExitQuote?> QuoteAsync(string cooperativeId, string memberId, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        if (await members.FindAsync(cooperativeId, memberId, cancellationToken) is null)
        {
            return null;
        }
        var cooperative = (await cooperatives.FindAsync(cooperativeId, cancellationToken))!;
        var (row, memberLoans) = await ReadAsync(cooperativeId, memberId, cancellationToken);
        var date = OpenDate(asOf ?? BusinessCalendar.Today(time, cooperative), cooperative, row);
        var plan = PlanOf(memberId, row, memberLoans, cooperative, date);
        return new MemberExitQuote(memberId, LedgerKeys.Date(date), PolicyName(cooperative.ExitPolicy), plan.Refusal is null,
            plan.Refusal is { } r ? new StatusReason(r.Code, r.Message) : null, SavingsMap(plan.Savings), plan.Loans, plan.Owed, plan.Payout, plan.Lines);
    }

    public async Task<(MemberExitResult? Result, ApiProblem? Problem)> ExitAsync(Caller caller, string memberId, DateTimeOffset occurredAt, CancellationToken cancellationToken = default)
    {
        var coop = caller.CooperativeId;
        if (await members.FindAsync(coop, memberId, cancellationToken) is null)
        {
            return (null, MembersFunctions.MemberNotFound(memberId));
        }
        for (var attempt = 1; ; attempt++)
        {
            var cooperative = (await cooperatives.FindAsync(coop, cancellationToken))!;
            var (row, memberLoans) = await ReadAsync(coop, memberId, cancellationToken);
            if (BalanceRow.ExitedOn(row) is not null)
            {
                return (await AnswerAsync(coop, memberId, cancellationToken), null);
            }
            var date = BusinessCalendar.BusinessDate(occurredAt, cooperative, BalanceRow.ClosedThrough(cooperative, row));
            var plan = PlanOf(memberId, row, memberLoans, cooperative, date);
            if (plan.Refusal is { } refused)
            {
                return (null, ProblemOf(refused));
            }
            var message = new TransactionMessage(coop, TransactionMessage.ApiSource, TransactionId(memberId), memberId, TransactionKinds.MemberExit,
                TransactionKinds.SimpananSukarela, plan.Payout, occurredAt, "Keluar anggota", $"key {caller.KeyId}");
            var decision = await posting.PostLifecycleAsync(message, cancellationToken);
            if (decision.Refusal is { Code: "member_exited" })
            {
                // A concurrent exit committed between this pass's reads of the marker and of the balances row: that exit is the answer.
                return (await AnswerAsync(coop, memberId, cancellationToken), null);
            }
            if (decision.Refusal is { } refusal)
            {
                if (refusal.Code == "exit_quote_changed" && attempt < Attempts)
                {
                    continue;
                }
                return (null, ProblemOf(refusal));
            }
            return (await AnswerAsync(coop, memberId, cancellationToken), null);
        }
    }

    public async Task<ExitPolicy> PolicyAsync(string cooperativeId, CancellationToken cancellationToken = default) =>
        new((await cooperatives.FindAsync(cooperativeId, cancellationToken))!.ExitPolicy);

    public async Task<ExitPolicy> SetPolicyAsync(string cooperativeId, ExitPolicy policy, CancellationToken cancellationToken = default)
    {
        await cooperatives.SetExitPolicyAsync(cooperativeId, policy.ActiveLoans, cancellationToken);
        return await PolicyAsync(cooperativeId, cancellationToken);
    }

    /// <summary>
    /// The exit as the ledger holds it: the journal under the exit's id and the loans' payments under it. The member
    /// record and the loans' status index follow (a crash after the posting is mended by asking again).
    /// </summary>
    private async Task<MemberExitResult> AnswerAsync(string coop, string memberId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(coop, memberId);
        var id = TransactionId(memberId);
        var marker = (await table.GetEntityAsync<TableEntity>(partition, LedgerKeys.Marker(id), cancellationToken: cancellationToken)).Value;
        var journal = JournalEntry.Read((await table.GetEntityAsync<TableEntity>(partition, LedgerKeys.Journal(marker.GetInt64("Sequence")!.Value),
            cancellationToken: cancellationToken)).Value);
        var memberLoans = await loans.AllForMemberAsync(coop, memberId, cancellationToken);
        var settled = memberLoans.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => Settlement(l, id)).Where(s => s.Total > 0).ToList();
        foreach (var loan in memberLoans.Where(l => settled.Any(s => s.LoanId == l.Id)))
        {
            await loans.SyncIndexAsync(coop, loan, cancellationToken);
        }
        await members.MarkExitedAsync(coop, memberId, journal.BusinessDate, cancellationToken);
        long Debit(string account) => journal.Lines.Where(l => l.Account == account).Sum(l => l.Debit);
        var savings = TransactionKinds.SavingsAccounts.ToDictionary(a => a, Debit);
        return new MemberExitResult(memberId, Member.Exited, id, LedgerKeys.Date(journal.BusinessDate), journal.OccurredAt, savings, settled,
            settled.Sum(s => s.Total), journal.Lines.Where(l => l.Account == ChartOfAccounts.Kas).Sum(l => l.Credit), journal.Lines);
    }

    private static ExitLoanSettlement Settlement(Loan loan, string exitId)
    {
        var payments = loan.Schedule.SelectMany(i => i.Payments).Where(p => p.TransactionId == exitId).ToList();
        return new ExitLoanSettlement(loan.Id, payments.Sum(p => p.Penalty), payments.Sum(p => p.Interest), payments.Sum(p => p.Principal),
            loan.Recoveries.Where(r => r.TransactionId == exitId).Sum(r => r.Amount));
    }

    /// <summary>The member's balances row and every loan: a point read and one RowKey range of the member's partition.</summary>
    private async Task<(TableEntity? Row, IReadOnlyList<Loan> Loans)> ReadAsync(string coop, string memberId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var rowRead = table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.MemberPartition(coop, memberId), LedgerKeys.BalanceRow, cancellationToken: cancellationToken);
        var loansRead = loans.AllForMemberAsync(coop, memberId, cancellationToken);
        var row = await rowRead;
        return (row.HasValue ? row.Value : null, await loansRead);
    }

    private static MemberExitPlan PlanOf(string memberId, TableEntity? row, IReadOnlyList<Loan> memberLoans, Cooperative cooperative, DateOnly date) =>
        MemberExitRules.Plan(TransactionId(memberId), memberId, row is null ? MemberBalances.Zero : BalanceRow.Read(row), memberLoans, cooperative.ExitPolicy, date,
            row is null ? null : BalanceRow.LastBusinessDate(row), BalanceRow.ExitedOn(row));

    /// <summary>A date in a month already closed books on the first day of the open period, as every posting does.</summary>
    private static DateOnly OpenDate(DateOnly date, Cooperative cooperative, TableEntity? row) =>
        BalanceRow.ClosedThrough(cooperative, row) is { } closed && new DateOnly(date.Year, date.Month, 1) <= closed ? closed.AddMonths(1) : date;

    private static IReadOnlyDictionary<string, long> SavingsMap(MemberBalances savings) =>
        TransactionKinds.SavingsAccounts.ToDictionary(a => a, savings.Of);

    private static string PolicyName(ExitLoanPolicy policy) => policy == ExitLoanPolicy.Settle ? "settle" : "refuse";

    private static ApiProblem ProblemOf(Rejection refusal) => refusal.Code is "active_loan" or "member_exited" or "exit_quote_changed"
        ? ApiProblem.Conflict(refusal.Code, refusal.Message)
        : ApiProblem.Unprocessable(refusal.Code, refusal.Message);
}
