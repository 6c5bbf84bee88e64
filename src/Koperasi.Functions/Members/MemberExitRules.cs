using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Members;

/// <summary>
/// A member's exit (keluar anggota) as the ledger's posting applies it, and what an exited member's later postings do
/// (pure). The exit first settles what the member owes, every active loan's payoff as of the exit date (denda, jasa due,
/// pokok, allocated by <see cref="LoanRules"/> exactly as a repayment of that amount would be) and any written-off principal
/// left to recover, or refuses while any is owed when the cooperative's <see cref="ExitLoanPolicy"/> says so (the
/// default); then it pays out simpanan sukarela, wajib and pokok through kas. One journal: Dr every savings balance,
/// Cr the loans' income and piutang, Cr kas the rest.
/// </summary>
public static class MemberExitRules
{
    public static MemberExitPlan Plan(string exitId, string memberId, MemberBalances before, IReadOnlyList<Loan> loans, ExitLoanPolicy policy,
        DateOnly date, DateOnly? lastBusinessDate, DateOnly? exitedOn)
    {
        var savings = before with { PiutangPinjaman = 0 };
        if (exitedOn is { } exited)
        {
            return MemberExitPlan.Refused(Exited(memberId, exited), savings, []);
        }
        if (lastBusinessDate is { } last && date < last)
        {
            return MemberExitPlan.Refused(new Rejection("exit_before_last_posting",
                $"Anggota '{memberId}' has postings dated {LedgerKeys.Date(last)}; an exit cannot be dated {LedgerKeys.Date(date)}, before them."), savings, []);
        }
        var settled = new List<(Loan After, ExitLoanSettlement Part, IReadOnlyList<JournalLine> Credits)>();
        foreach (var loan in loans.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            var owed = loan switch
            {
                { Status: LoanStatus.Active, DisbursedOn: { } on } when date < on => -1,
                { Status: LoanStatus.Active, DisbursedOn: { } on } => LoanPayoff.Quote(loan.Schedule, on, loan.Terms.Penalty, Later(loan.LastPaymentDate, date)).Total,
                { Status: LoanStatus.WrittenOff } => loan.RecoverableLeft,
                _ => 0,
            };
            if (owed < 0)
            {
                return MemberExitPlan.Refused(new Rejection("exit_before_last_posting",
                    $"Loan '{loan.Id}' was disbursed on {LedgerKeys.Date(loan.DisbursedOn!.Value)}; an exit cannot be dated {LedgerKeys.Date(date)}, before it."), savings, []);
            }
            if (owed == 0)
            {
                continue;
            }
            // The loan rules allocate it as they would a repayment of exactly that amount (the payoff closes the loan).
            var repayment = new TransactionMessage("", TransactionMessage.ApiSource, exitId, memberId, TransactionKinds.LoanRepayment,
                ChartOfAccounts.PiutangPinjaman, owed, default, null, null, LoanId: loan.Id);
            var outcome = LoanRules.Apply(repayment, date, new PostingContext(before, before.Pokok > 0, null, before.Of, Loan: loan));
            if (outcome.Rejection is { } rejection || outcome.Loan is not { } after)
            {
                return MemberExitPlan.Refused(outcome.Rejection ?? new Rejection("invalid_posting", $"Loan '{loan.Id}' cannot be settled."), savings, []);
            }
            var credits = outcome.Lines.Where(l => l.Credit > 0).ToList();
            long Credit(string account) => credits.Where(l => l.Account == account).Sum(l => l.Credit);
            settled.Add((after, new ExitLoanSettlement(loan.Id, Credit(ChartOfAccounts.PendapatanDenda), Credit(ChartOfAccounts.PendapatanJasaPinjaman),
                Credit(ChartOfAccounts.PiutangPinjaman), Credit(ChartOfAccounts.PendapatanPemulihanPiutang)), credits));
        }
        var parts = settled.Select(s => s.Part).ToList();
        var total = savings.Pokok + savings.Wajib + savings.Sukarela;
        if (parts.Count > 0 && policy == ExitLoanPolicy.Refuse)
        {
            return MemberExitPlan.Refused(new Rejection("active_loan",
                $"Anggota '{memberId}' still owes {Rupiah.Format(parts.Sum(p => p.Total))} on loan {string.Join(", ", parts.Select(p => p.LoanId))}; " +
                "the cooperative's exit policy refuses an exit until loans are settled (repay first, or PUT /api/exit-policy {\"activeLoans\": \"settle\"})."), savings, parts);
        }
        if (parts.Sum(p => p.Total) > total)
        {
            return MemberExitPlan.Refused(new Rejection("savings_short_of_debt",
                $"Anggota '{memberId}' owes {Rupiah.Format(parts.Sum(p => p.Total))} on loans but has {Rupiah.Format(total)} of savings; " +
                "the rest must be repaid before the exit."), savings, parts);
        }
        var lines = new List<JournalLine>();
        foreach (var account in TransactionKinds.SavingsAccounts.Reverse().Where(a => savings.Of(a) > 0))
        {
            lines.Add(new JournalLine(account, savings.Of(account), 0));
        }
        lines.AddRange(settled.SelectMany(s => s.Credits).GroupBy(l => l.Account).Select(g => new JournalLine(g.Key, 0, g.Sum(l => l.Credit))));
        if (total - parts.Sum(p => p.Total) is > 0 and var payout)
        {
            lines.Add(new JournalLine(ChartOfAccounts.Kas, 0, payout));
        }
        return new MemberExitPlan(null, savings, parts, settled.Select(s => s.After).ToList(), lines);
    }

    /// <summary>The exit's own posting: the plan as of its business date, which must pay out exactly what the quote said (<see cref="TransactionMessage.Amount"/>).</summary>
    public static RuleOutcome Apply(TransactionMessage m, DateOnly date, PostingContext c, IReadOnlyList<Loan> loans, ExitLoanPolicy policy, DateOnly? lastBusinessDate)
    {
        if (m.Source != TransactionMessage.ApiSource || m.Amount < 0)
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "A member's exit is posted by the cooperative itself."), c.Before);
        }
        if (!c.MemberKnown)
        {
            return RuleOutcome.Reject(Rejection.UnknownMember(m.MemberId), c.Before);
        }
        var plan = Plan(m.Id, m.MemberId, c.Before, loans, policy, date, lastBusinessDate, null);
        if (plan.Refusal is { } refusal)
        {
            return RuleOutcome.Reject(refusal, c.Before);
        }
        if (plan.Payout != m.Amount)
        {
            return RuleOutcome.Reject(new Rejection("exit_quote_changed",
                $"The exit now pays out {Rupiah.Format(plan.Payout)}, not {Rupiah.Format(m.Amount)}: a posting came in since the quote."), c.Before);
        }
        var after = c.Before.Apply(plan.Lines);
        return new RuleOutcome(null, after, plan.Lines, TransactionKinds.SimpananSukarela) { SettledLoans = plan.LoansAfter };
    }

    /// <summary>
    /// Any posting for a member who has exited: refused (<c>member_exited</c>), except provider money, which is a fact
    /// (DESIGN.md): it is booked to dana titipan with an adjustment the treasurer sees on the adjusted list, to be
    /// returned or assigned by hand; a refund of it takes it back from there.
    /// </summary>
    public static RuleOutcome AfterExit(TransactionMessage m, PostingContext c, DateOnly exitedOn)
    {
        var fromProvider = m.Source is not (TransactionMessage.ApiSource or TransactionMessage.ImportSource);
        if (!fromProvider || !ChartOfAccounts.TryContraAccountFor(m.Source, out var contra))
        {
            return RuleOutcome.Reject(Exited(m.MemberId, exitedOn), c.Before);
        }
        return SavingsRules.Suspense(m, c.Before, contra) with
        {
            Adjustment = new Adjustment("member_exited",
                $"Anggota '{m.MemberId}' exited on {LedgerKeys.Date(exitedOn)}; the provider settled {Rupiah.Format(m.Amount)}, so it is booked to dana titipan for the treasurer to return or assign."),
        };
    }

    private static Rejection Exited(string memberId, DateOnly exitedOn) =>
        new("member_exited", $"Anggota '{memberId}' exited the cooperative on {LedgerKeys.Date(exitedOn)}; no posting is taken for them any more.");

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
}
