using Koperasi.Functions.Loans;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The ledger check's part for loans, per member: for each loan, outstanding principal = disbursed (or, for a running
/// loan the import brought in, the principal its opening posted) − principal repaid − written off, both as the loan row keeps it and as its journals' piutang_pinjaman lines say; every payment the
/// schedule records equals its repayment journal's denda, jasa and pokok lines (and each such journal is on the
/// schedule), recoveries equal their journals; a member's exit, which settles every loan in one journal naming none,
/// equals what the loans record under its id, summed; and the member's piutang_pinjaman is the sum of its loans' outstanding.
/// </summary>
public static class LoanLedgerCheck
{
    public static void Check(string member, IReadOnlyList<JournalEntry> entries, IReadOnlyList<Loan> loans, List<string> problems)
    {
        var byLoan = entries.Where(e => e.LoanId is not null).GroupBy(e => e.LoanId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var id in byLoan.Keys.Where(id => loans.All(l => l.Id != id)))
        {
            problems.Add($"member {member}: journals name loan {id}, which this member does not have");
        }
        var exits = entries.Where(e => e.Kind == TransactionKinds.MemberExit).ToList();
        var exitIds = exits.Select(e => e.TransactionId).ToHashSet(StringComparer.Ordinal);
        foreach (var loan in loans)
        {
            CheckLoan(member, loan, byLoan.GetValueOrDefault(loan.Id) ?? [], exitIds, problems);
        }
        foreach (var exit in exits)
        {
            long Credit(string account) => exit.Lines.Where(l => l.Account == account).Sum(l => l.Credit);
            var payments = loans.SelectMany(l => l.Schedule).SelectMany(i => i.Payments).Where(p => p.TransactionId == exit.TransactionId).ToList();
            var journal = (Credit(ChartOfAccounts.PendapatanDenda), Credit(ChartOfAccounts.PendapatanJasaPinjaman), Credit(ChartOfAccounts.PiutangPinjaman),
                Credit(ChartOfAccounts.PendapatanPemulihanPiutang));
            var onLoans = (payments.Sum(p => p.Penalty), payments.Sum(p => p.Interest), payments.Sum(p => p.Principal),
                loans.SelectMany(l => l.Recoveries).Where(r => r.TransactionId == exit.TransactionId).Sum(r => r.Amount));
            if (journal != onLoans)
            {
                problems.Add($"member {member}: exit {exit.TransactionId} journal settles {journal} (denda/jasa/pokok/recovery), but the loans record {onLoans} under it");
            }
        }
        var piutang = entries.SelectMany(e => e.Lines).Where(l => l.Account == ChartOfAccounts.PiutangPinjaman).Sum(l => l.Debit - l.Credit);
        var outstanding = loans.Sum(l => l.OutstandingPrincipal);
        if (piutang != outstanding)
        {
            problems.Add($"member {member}: piutang_pinjaman in the journals is {piutang}, but the loans have {outstanding} of principal outstanding");
        }
    }

    private static void CheckLoan(string member, Loan loan, List<JournalEntry> journals, IReadOnlySet<string> exitIds, List<string> problems)
    {
        long Sum(string kind, string account, Func<JournalLine, long> side) =>
            journals.Where(e => e.Kind == kind).SelectMany(e => e.Lines).Where(l => l.Account == account).Sum(side);
        var disbursed = Sum(TransactionKinds.LoanDisbursement, ChartOfAccounts.PiutangPinjaman, l => l.Debit);
        var opened = Sum(TransactionKinds.LoanOpening, ChartOfAccounts.PiutangPinjaman, l => l.Debit);
        // An exit's journal names no loan: its part is checked against the sum of the loans' records above.
        var repaid = Sum(TransactionKinds.LoanRepayment, ChartOfAccounts.PiutangPinjaman, l => l.Credit) +
            loan.Schedule.SelectMany(i => i.Payments).Where(p => exitIds.Contains(p.TransactionId)).Sum(p => p.Principal);
        var writtenOff = Sum(TransactionKinds.LoanWriteOff, ChartOfAccounts.PiutangPinjaman, l => l.Credit);
        // An imported loan's installments paid before the cut-over carry the opening's id: money of the books kept
        // before, with no journal here; the opening brought in the principal they left.
        var openingId = LoanPostingIds.Opening(member, loan.Id);
        var paidBefore = loan.Opening is null ? 0 : loan.Schedule.SelectMany(i => i.Payments).Where(p => p.TransactionId == openingId).Sum(p => p.Principal);
        var active = loan.DisbursedOn is not null;
        var expectedDisbursed = active && loan.Opening is null ? loan.Application.Principal : 0;
        var expectedOpened = active && loan.Opening is not null ? loan.Application.Principal - paidBefore : 0;
        var paidPrincipal = loan.Schedule.Sum(i => i.PaidPrincipal) - paidBefore;
        if (disbursed != expectedDisbursed || opened != expectedOpened || repaid != paidPrincipal || writtenOff != loan.WrittenOffPrincipal ||
            loan.OutstandingPrincipal != disbursed + opened - repaid - writtenOff)
        {
            problems.Add($"member {member}: loan {loan.Id} outstanding {loan.OutstandingPrincipal} is not disbursed {disbursed} + opened {opened} − repaid {repaid} − written off {writtenOff} " +
                $"(the loan says disbursed {expectedDisbursed}, opened {expectedOpened}, principal paid {paidPrincipal}, written off {loan.WrittenOffPrincipal})");
        }
        var paid = loan.Schedule.SelectMany(i => i.Payments).Where(p => (loan.Opening is null || p.TransactionId != openingId) && !exitIds.Contains(p.TransactionId)).GroupBy(p => p.TransactionId)
            .ToDictionary(g => g.Key, g => (Penalty: g.Sum(p => p.Penalty), Interest: g.Sum(p => p.Interest), Principal: g.Sum(p => p.Principal)), StringComparer.Ordinal);
        var recovered = loan.Recoveries.Where(r => !exitIds.Contains(r.TransactionId)).ToDictionary(r => r.TransactionId, r => r.Amount, StringComparer.Ordinal);
        foreach (var journal in journals.Where(e => e.Kind == TransactionKinds.LoanRepayment))
        {
            long Credit(string account) => journal.Lines.Where(l => l.Account == account).Sum(l => l.Credit);
            var split = (Penalty: Credit(ChartOfAccounts.PendapatanDenda), Interest: Credit(ChartOfAccounts.PendapatanJasaPinjaman), Principal: Credit(ChartOfAccounts.PiutangPinjaman));
            var recovery = Credit(ChartOfAccounts.PendapatanPemulihanPiutang);
            var onSchedule = paid.Remove(journal.TransactionId, out var p) ? p : (0, 0, 0);
            var onRecoveries = recovered.Remove(journal.TransactionId, out var r) ? r : 0;
            if (onSchedule != split || onRecoveries != recovery)
            {
                problems.Add($"member {member}: loan {loan.Id} repayment {journal.TransactionId} journal ({split.Penalty}/{split.Interest}/{split.Principal}, recovery {recovery}) " +
                    $"differs from the schedule's payments ({onSchedule.Item1}/{onSchedule.Item2}/{onSchedule.Item3}, recovery {onRecoveries})");
            }
        }
        foreach (var id in paid.Keys.Concat(recovered.Keys))
        {
            problems.Add($"member {member}: loan {loan.Id} records a payment {id} that has no repayment journal");
        }
    }
}
