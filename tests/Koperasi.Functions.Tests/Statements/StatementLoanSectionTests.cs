using Koperasi.Functions.Loans;
using Koperasi.Functions.Statements;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>Which loans a month's statement shows and as of when (pure: loans built here, no storage).</summary>
public sealed class StatementLoanSectionTests
{
    private static readonly DateOnly Disbursed = new(2026, 6, 10);
    private static readonly LoanTerms Flat = new("Pinjaman Umum", InterestMethod.Flat, 150, 100, 1, 10, 2);
    private static readonly StatementPeriod August = new(2026, 8);

    /// <summary>DOMAIN.md's flat loan disbursed 10 Jun 2026 (installments due the 10th from July), with payments as given per installment.</summary>
    private static Loan Loan(LoanStatus status = LoanStatus.Active, params (int Installment, InstallmentPayment Payment)[] payments)
    {
        var schedule = Flat.Schedule(10_000_000, 12, DueDates.AfterDisbursement(Disbursed))
            .Select(i => i with { Payments = payments.Where(p => p.Installment == i.Number).Select(p => p.Payment).ToList() }).ToList();
        return new Loan(new LoanApplication("L-1", "A-1", "UMUM", 10_000_000, 12, null), Flat, 100_000, status, schedule,
            DateTimeOffset.UnixEpoch, "k", DateTimeOffset.UnixEpoch) { DisbursedOn = Disbursed };
    }

    private static (int, InstallmentPayment) Paid(int installment, string id, int month, int day, long principal = 833_333, long interest = 150_000, long penalty = 0) =>
        (installment, new InstallmentPayment(id, new DateOnly(2026, month, day), penalty, interest, principal));

    [Fact]
    public void Of_LoanClosedAfterTheMonth_ShowsItActiveAsItStoodAtTheMonthsEnd()
    {
        var payments = new[] { Paid(1, "r-1", 7, 10), Paid(2, "r-2", 8, 10) }
            .Concat(Enumerable.Range(3, 10).Select(k => Paid(k, "payoff", 9, 1, principal: k == 12 ? 833_337 : 833_333, interest: k == 3 ? 150_000 : 0))).ToArray();
        var loan = Loan(LoanStatus.Closed, payments) with { ClosedOn = new DateOnly(2026, 9, 1) };

        var shown = StatementLoan.Of(loan, August)!;

        Assert.Equal(LoanStatus.Active, shown.Status);
        Assert.Equal(10_000_000 - 2 * 833_333, shown.OutstandingPrincipal);
        Assert.Equal(["r-2"], shown.Payments.Select(p => p.TransactionId));
        Assert.Equal(new StatementNextInstallment(3, new DateOnly(2026, 9, 10), 983_333), shown.NextInstallment);
        Assert.Equal(new StatementLoanArrears(null, 0, 0, 0), shown.Arrears);
    }

    [Fact]
    public void Of_LatePaymentOverTwoInstallments_IsOnePaymentWithTheSplitSummedAndTheRestInArrears()
    {
        // Installment 1 (due 10 Jul) paid on 20 Aug with its denda: 13 Jul - 20 Aug is 39 days at 0.1% of 983,333.
        var denda1 = Round(39 * 983_333 * 10 / 10_000m);
        var loan = Loan(LoanStatus.Active, Paid(1, "r-1", 8, 20, penalty: denda1), Paid(2, "r-1", 8, 20, principal: 50_000));

        var shown = StatementLoan.Of(loan, August)!;

        Assert.Equal(new StatementLoanPayment(new DateOnly(2026, 8, 20), "r-1", 883_333, 300_000, denda1), Assert.Single(shown.Payments));
        Assert.Equal(new StatementLoanPaid(883_333, 300_000, denda1), shown.Paid);
        Assert.Equal(new StatementNextInstallment(3, new DateOnly(2026, 9, 10), 983_333), shown.NextInstallment);
        // Installment 2 (due 10 Aug): 983,333 unpaid on 13-20 Aug (8 days), 783,333 on 21-31 Aug (11 days), rounded once.
        Assert.Equal(new StatementLoanArrears(new DateOnly(2026, 8, 10), 21, 783_333, Round((8 * 983_333 + 11 * 783_333) * 10 / 10_000m)), shown.Arrears);
        Assert.Equal(10_000_000 - 883_333, shown.OutstandingPrincipal);
    }

    private static long Round(decimal rupiah) => (long)Math.Round(rupiah, MidpointRounding.AwayFromZero);

    [Fact]
    public void Of_ClosedBeforeTheMonthWithNothingReceived_IsLeftOut()
    {
        var loan = Loan(LoanStatus.Closed, Paid(1, "payoff", 7, 20, principal: 10_000_000)) with { ClosedOn = new DateOnly(2026, 7, 20) };

        Assert.Null(StatementLoan.Of(loan, August));
        Assert.Equal(LoanStatus.Closed, StatementLoan.Of(loan, new StatementPeriod(2026, 7))!.Status);
    }

    [Fact]
    public void Of_NotDisbursedByTheMonthsEnd_IsLeftOut()
    {
        var approved = Loan(LoanStatus.Approved) with { DisbursedOn = null };
        var later = Loan() with { DisbursedOn = new DateOnly(2026, 9, 1) };

        Assert.Empty(StatementLoan.For([approved, later], August));
    }

    [Fact]
    public void Of_WrittenOffInTheMonth_OwesNothingOnTheBooksAndCountsTheRecovery()
    {
        var loan = Loan(LoanStatus.WrittenOff, Paid(1, "r-1", 7, 10)) with
        {
            WrittenOffOn = new DateOnly(2026, 8, 5),
            WrittenOffPrincipal = 10_000_000 - 833_333,
            Recoveries = [new LoanRecovery("r-2", new DateOnly(2026, 8, 25), 300_000), new LoanRecovery("r-3", new DateOnly(2026, 9, 2), 100_000)],
        };

        var shown = StatementLoan.Of(loan, August)!;
        var september = StatementLoan.Of(loan, new StatementPeriod(2026, 9))!;

        Assert.Equal((LoanStatus.WrittenOff, 0L, 300_000L), (shown.Status, shown.OutstandingPrincipal, shown.Recovered));
        Assert.Null(shown.NextInstallment);
        Assert.Null(shown.Arrears);
        Assert.Equal(100_000, september.Recovered);
        Assert.Null(StatementLoan.Of(loan, new StatementPeriod(2026, 10)));
    }
}
