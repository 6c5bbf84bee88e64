using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Loans;

/// <summary>
/// The rules for a loan's money, as the ledger's posting applies them (pure: the loan and the member's balances in,
/// a journal, the balances and the loan after out, or a rejection). Disbursement: Dr piutang_pinjaman P, Cr kas P − fee,
/// Cr pendapatan_administrasi fee, and the schedule is fixed from the disbursement date. Repayment: allocated oldest
/// installment first, denda, jasa, pokok (<see cref="LoanAllocation"/>): Dr kas or the provider's clearing account,
/// Cr pendapatan_denda, pendapatan_jasa_pinjaman, piutang_pinjaman. Write-off: Dr beban_penghapusan_piutang, Cr
/// piutang_pinjaman for the principal left; money received later is recovery income (pendapatan_pemulihan_piutang).
/// A provider's money is always booked (DESIGN.md): what cannot go to the loan goes to the member's simpanan_sukarela.
/// </summary>
public static class LoanRules
{
    public static RuleOutcome Apply(TransactionMessage m, DateOnly businessDate, PostingContext c)
    {
        if (m.Kind == TransactionKinds.LoanOpening)
        {
            return Opening(m, c);
        }
        var fromProvider = m.Source != TransactionMessage.ApiSource;
        if (m.Amount <= 0 || m.Account != ChartOfAccounts.PiutangPinjaman || m.LoanId is null || !ChartOfAccounts.TryContraAccountFor(m.Source, out var contra) ||
            fromProvider && m.Kind != TransactionKinds.LoanRepayment)
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "The loan posting request is not valid (amount, loan, kind or source)."), c.Before);
        }
        if (!c.MemberKnown)
        {
            return fromProvider ? SavingsRules.Suspense(m, c.Before, contra) : RuleOutcome.Reject(Rejection.UnknownMember(m.MemberId), c.Before);
        }
        return m.Kind switch
        {
            TransactionKinds.LoanDisbursement => Disbursement(m, businessDate, c, contra),
            TransactionKinds.LoanWriteOff => WriteOff(m, businessDate, c),
            _ => Repayment(m, businessDate, c, contra, fromProvider),
        };
    }

    private static RuleOutcome Disbursement(TransactionMessage m, DateOnly date, PostingContext c, string contra)
    {
        if (c.Loan is not { } loan)
        {
            return RuleOutcome.Reject(UnknownLoan(m), c.Before);
        }
        if (loan.Status != LoanStatus.Approved || loan.Opening is not null)
        {
            return RuleOutcome.Reject(new Rejection("loan_status_conflict", loan.Opening is not null
                ? $"Loan '{loan.Id}' is a running loan brought in by the loans import; its import opens it, not a disbursement."
                : $"Loan '{loan.Id}' is {LoanKeys.StatusName(loan.Status)}; only an approved loan can be disbursed."), c.Before);
        }
        if (m.Amount != loan.Application.Principal)
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", $"A disbursement of loan '{loan.Id}' is its principal, {Rupiah.Format(loan.Application.Principal)}."), c.Before);
        }
        if (loan.Application.FirstDueDate is { } first && first <= date)
        {
            return RuleOutcome.Reject(new Rejection("invalid_first_due_date",
                $"The loan's first due date {LedgerKeys.Date(first)} is not after the disbursement date {LedgerKeys.Date(date)}; submit a new application."), c.Before);
        }
        var schedule = loan.Application.FirstDueDate is null
            ? loan.Terms.Schedule(loan.Application.Principal, loan.Application.TermMonths, DueDates.AfterDisbursement(date))
            : loan.Schedule;
        var lines = new List<JournalLine> { new(ChartOfAccounts.PiutangPinjaman, m.Amount, 0), new(contra, 0, m.Amount - loan.AdminFee) };
        if (loan.AdminFee > 0)
        {
            lines.Add(new JournalLine(ChartOfAccounts.PendapatanAdministrasi, 0, loan.AdminFee));
        }
        var after = loan with
        {
            Status = LoanStatus.Active, Schedule = schedule, DisbursedOn = date, DisbursedAt = m.OccurredAt, DisbursedBy = m.Reference, UpdatedAt = m.OccurredAt,
        };
        return new RuleOutcome(null, c.Before.Add(ChartOfAccounts.PiutangPinjaman, m.Amount), lines, ChartOfAccounts.PiutangPinjaman, Loan: after);
    }

    /// <summary>
    /// A running loan brought in by the loans import (approved → active): its schedule rebuilt from the disbursement
    /// date with the installments paid before the cut-over recorded under this posting's id, and the principal left
    /// brought in: Dr piutang_pinjaman, Cr ekuitas_saldo_awal (as the savings opening balances are). No cash moves.
    /// </summary>
    private static RuleOutcome Opening(TransactionMessage m, PostingContext c)
    {
        if (m.Source != TransactionMessage.ImportSource || m.Account != ChartOfAccounts.PiutangPinjaman || m.Amount <= 0 || m.LoanId is null)
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "A loan opening comes from the loans import, for a loan, with the principal left."), c.Before);
        }
        if (!c.MemberKnown)
        {
            return RuleOutcome.Reject(Rejection.UnknownMember(m.MemberId), c.Before);
        }
        if (c.Loan is not { Opening: { } opening } loan)
        {
            return RuleOutcome.Reject(UnknownLoan(m), c.Before);
        }
        if (loan.Status != LoanStatus.Approved)
        {
            return RuleOutcome.Reject(new Rejection("loan_status_conflict",
                $"Loan '{loan.Id}' is {LoanKeys.StatusName(loan.Status)}; only a loan the import has just recorded can be opened."), c.Before);
        }
        var schedule = opening.Schedule(loan.Terms, loan.Application.Principal, loan.Application.TermMonths, m.Id);
        var outstanding = schedule.Sum(i => i.Principal - i.PaidPrincipal);
        if (m.Amount != outstanding)
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting",
                $"Loan '{loan.Id}' has {Rupiah.Format(outstanding)} of principal left after {opening.InstallmentsPaid} installment(s), not {Rupiah.Format(m.Amount)}."), c.Before);
        }
        var after = loan with
        {
            Status = LoanStatus.Active, Schedule = schedule, DisbursedOn = opening.DisbursedOn, DisbursedBy = m.Reference, UpdatedAt = m.OccurredAt,
        };
        return new RuleOutcome(null, c.Before.Add(ChartOfAccounts.PiutangPinjaman, m.Amount),
            [new JournalLine(ChartOfAccounts.PiutangPinjaman, m.Amount, 0), new JournalLine(ChartOfAccounts.EkuitasSaldoAwal, 0, m.Amount)],
            ChartOfAccounts.PiutangPinjaman, Loan: after);
    }

    private static RuleOutcome WriteOff(TransactionMessage m, DateOnly date, PostingContext c)
    {
        if (c.Loan is not { } loan)
        {
            return RuleOutcome.Reject(UnknownLoan(m), c.Before);
        }
        if (loan.Status != LoanStatus.Active)
        {
            return RuleOutcome.Reject(new Rejection("loan_status_conflict",
                $"Loan '{loan.Id}' is {LoanKeys.StatusName(loan.Status)}; only an active loan can be written off."), c.Before);
        }
        if (m.Amount != loan.OutstandingPrincipal)
        {
            return RuleOutcome.Reject(new Rejection("outstanding_changed",
                $"Loan '{loan.Id}' has {Rupiah.Format(loan.OutstandingPrincipal)} of principal left, not {Rupiah.Format(m.Amount)}; a repayment came in."), c.Before);
        }
        if (date < loan.DisbursedOn || loan.LastPaymentDate is { } last && date < last)
        {
            return RuleOutcome.Reject(new Rejection("write_off_before_last_event",
                $"Loan '{loan.Id}' cannot be written off on {LedgerKeys.Date(date)}, before its disbursement or its last payment."), c.Before);
        }
        var lines = new[] { new JournalLine(ChartOfAccounts.BebanPenghapusanPiutang, m.Amount, 0), new JournalLine(ChartOfAccounts.PiutangPinjaman, 0, m.Amount) };
        var after = loan with
        {
            Status = LoanStatus.WrittenOff, WrittenOffOn = date, WrittenOffPrincipal = m.Amount, WriteOffReason = m.Description,
            WrittenOffBy = m.Reference, UpdatedAt = m.OccurredAt,
        };
        return new RuleOutcome(null, c.Before.Add(ChartOfAccounts.PiutangPinjaman, -m.Amount), lines, ChartOfAccounts.PiutangPinjaman, Loan: after);
    }

    private static RuleOutcome Repayment(TransactionMessage m, DateOnly date, PostingContext c, string contra, bool fromProvider)
    {
        var loan = c.Loan;
        var refusal = loan is null ? UnknownLoan(m)
            : loan.Status is not (LoanStatus.Active or LoanStatus.WrittenOff) ? new Rejection("loan_not_active",
                $"Loan '{loan.Id}' is {LoanKeys.StatusName(loan.Status)}; it takes no repayment.")
            : date < loan.DisbursedOn ? new Rejection("repayment_before_disbursement",
                $"Loan '{loan.Id}' was disbursed on {LedgerKeys.Date(loan.DisbursedOn!.Value)}; a repayment cannot be dated {LedgerKeys.Date(date)}.")
            : null;
        if (refusal is not null)
        {
            return fromProvider ? ToSukarela(m, c, contra, m.Amount, refusal) : RuleOutcome.Reject(refusal, c.Before);
        }
        return loan!.Status == LoanStatus.WrittenOff ? Recovery(m, date, c, loan, contra, fromProvider) : Installments(m, date, c, loan, contra, fromProvider);
    }

    /// <summary>
    /// A repayment of an active loan, allocated as of its business date, or as of the loan's latest payment date when an
    /// earlier-dated one arrives late (an allocation never rewrites another's). What is beyond the payoff amount is
    /// refused (<c>overpayment</c>) from the API and booked to sukarela from a provider.
    /// </summary>
    private static RuleOutcome Installments(TransactionMessage m, DateOnly date, PostingContext c, Loan loan, string contra, bool fromProvider)
    {
        var asOf = loan.LastPaymentDate is { } last && last > date ? last : date;
        var allocation = LoanAllocation.Allocate(LoanDues.AsOf(loan.Schedule, loan.DisbursedOn!.Value, loan.Terms.Penalty, asOf), m.Amount);
        if (allocation.Excess > 0 && !fromProvider)
        {
            // Every amount owed was filled, so what was applied is the payoff amount.
            return RuleOutcome.Reject(new Rejection("overpayment",
                $"Loan '{loan.Id}' is paid off with {Rupiah.Format(allocation.Applied)} as of {LedgerKeys.Date(asOf)}; this payment of {Rupiah.Format(m.Amount)} is " +
                $"{Rupiah.Format(allocation.Excess)} more than is owed."), c.Before);
        }
        var lines = new List<JournalLine> { new(contra, m.Amount, 0) };
        AddCredit(lines, ChartOfAccounts.PendapatanDenda, allocation.Penalty);
        AddCredit(lines, ChartOfAccounts.PendapatanJasaPinjaman, allocation.Interest);
        AddCredit(lines, ChartOfAccounts.PiutangPinjaman, allocation.Principal);
        AddCredit(lines, TransactionKinds.SimpananSukarela, allocation.Excess);
        var byNumber = allocation.Installments.ToDictionary(p => p.Number);
        var schedule = loan.Schedule.Select(i => byNumber.TryGetValue(i.Number, out var part)
            ? i with { Payments = [.. i.Payments, new InstallmentPayment(m.Id, asOf, part.Penalty, part.Interest, part.Principal)] }
            : i).ToList();
        var after = loan with { Schedule = schedule, UpdatedAt = m.OccurredAt };
        if (after.OutstandingPrincipal == 0)
        {
            after = after with { Status = LoanStatus.Closed, ClosedOn = asOf };
        }
        var balances = c.Before.Add(ChartOfAccounts.PiutangPinjaman, -allocation.Principal).Add(TransactionKinds.SimpananSukarela, allocation.Excess);
        var adjustment = allocation.Excess > 0 ? new Adjustment("repayment_excess_to_sukarela",
            $"Loan '{loan.Id}' was owed {Rupiah.Format(allocation.Applied)} as of {LedgerKeys.Date(asOf)}; the provider settled {Rupiah.Format(m.Amount)}, " +
            $"so {Rupiah.Format(allocation.Excess)} is booked to simpanan sukarela.") : null;
        return new RuleOutcome(null, balances, lines, ChartOfAccounts.PiutangPinjaman, adjustment, Loan: after);
    }

    /// <summary>Money received on a written-off loan: recovery income up to the principal written off; never allocated to the schedule.</summary>
    private static RuleOutcome Recovery(TransactionMessage m, DateOnly date, PostingContext c, Loan loan, string contra, bool fromProvider)
    {
        var recovered = Math.Min(m.Amount, loan.RecoverableLeft);
        var excess = m.Amount - recovered;
        if (excess > 0 && !fromProvider)
        {
            return RuleOutcome.Reject(new Rejection("overpayment",
                $"Loan '{loan.Id}' was written off; {Rupiah.Format(loan.RecoverableLeft)} of its principal is left to recover, less than this payment of {Rupiah.Format(m.Amount)}."), c.Before);
        }
        var lines = new List<JournalLine> { new(contra, m.Amount, 0) };
        AddCredit(lines, ChartOfAccounts.PendapatanPemulihanPiutang, recovered);
        AddCredit(lines, TransactionKinds.SimpananSukarela, excess);
        var after = loan with { Recoveries = [.. loan.Recoveries, new LoanRecovery(m.Id, date, recovered)], UpdatedAt = m.OccurredAt };
        var adjustment = excess > 0 ? new Adjustment("repayment_excess_to_sukarela",
            $"Loan '{loan.Id}' was written off with {Rupiah.Format(loan.RecoverableLeft)} left to recover; {Rupiah.Format(excess)} of this payment is booked to simpanan sukarela.") : null;
        return new RuleOutcome(null, c.Before.Add(TransactionKinds.SimpananSukarela, excess), lines, ChartOfAccounts.PiutangPinjaman, adjustment, Loan: after);
    }

    /// <summary>Provider money for a loan that cannot take it: booked to the member's sukarela, with the reason for the treasurer.</summary>
    private static RuleOutcome ToSukarela(TransactionMessage m, PostingContext c, string contra, long amount, Rejection why)
    {
        const string sukarela = TransactionKinds.SimpananSukarela;
        return RuleOutcome.Post(sukarela, c.Before.Add(sukarela, amount), new JournalLine(contra, amount, 0), new JournalLine(sukarela, 0, amount)) with
        {
            Adjustment = new Adjustment("redirected_to_sukarela",
                $"{why.Message} The provider settled this money, so {Rupiah.Format(amount)} is booked to simpanan sukarela instead ({why.Code})."),
        };
    }

    private static void AddCredit(List<JournalLine> lines, string account, long amount)
    {
        if (amount > 0)
        {
            lines.Add(new JournalLine(account, 0, amount));
        }
    }

    private static Rejection UnknownLoan(TransactionMessage m) =>
        new("unknown_loan", $"Anggota '{m.MemberId}' has no loan '{m.LoanId}' in this cooperative.");
}
