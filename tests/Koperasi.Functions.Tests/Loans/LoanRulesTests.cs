using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>The loan rules alone (no storage): where money goes when a repayment cannot go to the loan, and the guards of each step.</summary>
public sealed class LoanRulesTests
{
    private static readonly DateOnly Disbursed = new(2026, 6, 10);
    private static readonly LoanTerms Flat = new("Pinjaman Umum", InterestMethod.Flat, 150, 100, 1, 0, 2);

    private static Loan ActiveLoan(LoanStatus status = LoanStatus.Active) =>
        new Loan(new LoanApplication("L-1", "A-1", "UMUM", 10_000_000, 12, null), Flat, 100_000, status,
            Flat.Schedule(10_000_000, 12, DueDates.AfterDisbursement(Disbursed)), DateTimeOffset.UnixEpoch, "k", DateTimeOffset.UnixEpoch)
        { DisbursedOn = Disbursed };

    private static TransactionMessage Repayment(long amount, DateOnly date, string source = "api", string id = "r-1") =>
        new("c", source, id, "A-1", TransactionKinds.LoanRepayment, ChartOfAccounts.PiutangPinjaman, amount,
            new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), null, null, LoanId: "L-1");

    private static PostingContext Context(Loan? loan, bool memberKnown = true) =>
        new(MemberBalances.Zero.Add(ChartOfAccounts.PiutangPinjaman, 10_000_000), true, null, _ => 0, memberKnown, loan);

    private static RuleOutcome Apply(TransactionMessage m, Loan? loan, bool memberKnown = true) =>
        LoanRules.Apply(m, DateOnly.FromDateTime(m.OccurredAt.DateTime), Context(loan, memberKnown));

    /// <summary>A running loan as the loans import records it before its opening posts: approved, with its opening.</summary>
    private static Loan Imported() => ActiveLoan(LoanStatus.Approved) with { DisbursedOn = null, AdminFee = 0, Opening = new LoanOpening(new(2026, 9, 30), Disbursed, 2) };

    private static TransactionMessage Opening(long amount, string kind = TransactionKinds.LoanOpening, string source = TransactionMessage.ImportSource) =>
        new("c", source, "saldo-awal-pinjaman:A-1:L-1", "A-1", kind, ChartOfAccounts.PiutangPinjaman, amount,
            new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.FromHours(8)), "import:i", null, LoanId: "L-1");

    [Fact]
    public void Opening_PrincipalLeft_ActivatesTheLoanWithItsPaidInstallmentsAgainstEkuitasSaldoAwal()
    {
        // Flat 10,000,000 over 12 months: pokok 833,333 a month, two paid.
        var outcome = Apply(Opening(8_333_334), Imported());

        Assert.Null(outcome.Rejection);
        Assert.Equal([new JournalLine(ChartOfAccounts.PiutangPinjaman, 8_333_334, 0), new JournalLine(ChartOfAccounts.EkuitasSaldoAwal, 0, 8_333_334)], outcome.Lines);
        Assert.Equal((LoanStatus.Active, Disbursed, 8_333_334L), (outcome.Loan!.Status, outcome.Loan.DisbursedOn!.Value, outcome.Loan.OutstandingPrincipal));
        Assert.Equal([new DateOnly(2026, 7, 10), new DateOnly(2026, 8, 10)], outcome.Loan.Schedule.SelectMany(i => i.Payments).Select(p => p.Date));
    }

    [Theory]
    [InlineData(8_333_333L, TransactionKinds.LoanOpening, TransactionMessage.ImportSource, "invalid_posting")]
    [InlineData(8_333_334L, TransactionKinds.LoanOpening, TransactionMessage.ApiSource, "invalid_posting")]
    [InlineData(10_000_000L, TransactionKinds.LoanDisbursement, TransactionMessage.ApiSource, "loan_status_conflict")]
    public void Opening_OtherAmountSourceOrADisbursement_IsRefused(long amount, string kind, string source, string code) =>
        Assert.Equal(code, Apply(Opening(amount, kind, source), Imported()).Rejection?.Code);

    [Fact]
    public void ProviderRepayment_ClosedLoan_IsBookedToSukarelaWithTheReason()
    {
        var outcome = Apply(Repayment(500_000, new(2026, 8, 1), source: "midtrans"), ActiveLoan(LoanStatus.Closed));

        Assert.Null(outcome.Rejection);
        Assert.Equal("redirected_to_sukarela", outcome.Adjustment?.Code);
        Assert.Equal([new JournalLine(ChartOfAccounts.KliringMidtrans, 500_000, 0), new JournalLine(TransactionKinds.SimpananSukarela, 0, 500_000)], outcome.Lines);
        Assert.Equal(500_000, outcome.After.Sukarela);
    }

    [Fact]
    public void ProviderRepayment_UnknownMember_IsHeldInDanaTitipan()
    {
        var outcome = Apply(Repayment(500_000, new(2026, 8, 1), source: "xendit"), null, memberKnown: false);

        Assert.Null(outcome.Rejection);
        Assert.Equal([new JournalLine(ChartOfAccounts.KliringXendit, 500_000, 0), new JournalLine(ChartOfAccounts.DanaTitipan, 0, 500_000)], outcome.Lines);
    }

    [Fact]
    public void ApiRepayment_DatedBeforeTheDisbursement_IsRejected()
    {
        var outcome = Apply(Repayment(500_000, Disbursed.AddDays(-1)), ActiveLoan());

        Assert.Equal("repayment_before_disbursement", outcome.Rejection?.Code);
    }

    [Fact]
    public void Repayment_DatedBeforeOneAlreadyAllocated_IsAllocatedAsOfTheLaterDate()
    {
        var loan = ActiveLoan();
        var later = Apply(Repayment(983_333, new(2026, 9, 10), id: "r-late"), loan).Loan!;

        var earlier = Apply(Repayment(983_333, new(2026, 7, 10), id: "r-early"), later);

        var payment = earlier.Loan!.Schedule[1].Payments.Single();
        Assert.Equal(("r-early", new DateOnly(2026, 9, 10), 150_000L, 833_333L), (payment.TransactionId, payment.Date, payment.Interest, payment.Principal));
        Assert.Equal(10_000_000 - 2 * 833_333, earlier.Loan.OutstandingPrincipal);
    }

    [Fact]
    public void WriteOff_AmountOtherThanThePrincipalLeft_IsRefusedAsChanged()
    {
        var m = new TransactionMessage("c", "api", LoanPostingIds.WriteOff("L-1"), "A-1", TransactionKinds.LoanWriteOff, ChartOfAccounts.PiutangPinjaman,
            9_000_000, new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(8)), "k", "gone", LoanId: "L-1");

        Assert.Equal("outstanding_changed", Apply(m, ActiveLoan()).Rejection?.Code);
        Assert.Equal("loan_status_conflict", Apply(m with { Amount = 10_000_000 }, ActiveLoan(LoanStatus.Closed)).Rejection?.Code);
        var written = Apply(m with { Amount = 10_000_000 }, ActiveLoan());
        Assert.Equal([new JournalLine(ChartOfAccounts.BebanPenghapusanPiutang, 10_000_000, 0), new JournalLine(ChartOfAccounts.PiutangPinjaman, 0, 10_000_000)], written.Lines);
        Assert.Equal((LoanStatus.WrittenOff, 0L), (written.Loan!.Status, written.After.PiutangPinjaman));
    }

    [Fact]
    public void Disbursement_ChosenFirstDueDateNotAfterIt_IsRefused()
    {
        var approved = ActiveLoan(LoanStatus.Approved) with
        {
            Application = new LoanApplication("L-1", "A-1", "UMUM", 10_000_000, 12, new DateOnly(2026, 7, 1)),
            Schedule = Flat.Schedule(10_000_000, 12, DueDates.StartingOn(new DateOnly(2026, 7, 1))),
            DisbursedOn = null,
        };
        var m = new TransactionMessage("c", "api", LoanPostingIds.Disbursement("L-1"), "A-1", TransactionKinds.LoanDisbursement, ChartOfAccounts.PiutangPinjaman,
            10_000_000, new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(8)), "k", null, LoanId: "L-1");

        Assert.Equal("invalid_first_due_date", Apply(m, approved).Rejection?.Code);
        var earlier = Apply(m with { OccurredAt = m.OccurredAt.AddDays(-5) }, approved);
        Assert.Equal([new JournalLine(ChartOfAccounts.PiutangPinjaman, 10_000_000, 0), new JournalLine(ChartOfAccounts.Kas, 0, 9_900_000),
            new JournalLine(ChartOfAccounts.PendapatanAdministrasi, 0, 100_000)], earlier.Lines);
        Assert.Equal(new DateOnly(2026, 7, 1), earlier.Loan!.Schedule[0].DueDate);
    }
}
