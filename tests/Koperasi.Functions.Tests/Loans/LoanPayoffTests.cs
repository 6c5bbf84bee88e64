using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>
/// The payoff rule (principal left + unpaid jasa of every period that has begun + denda) and its agreement with
/// allocation: paying the payoff amount clears every pokok, one rupiah less leaves one rupiah of pokok.
/// </summary>
public sealed class LoanPayoffTests
{
    private static readonly DateOnly Disbursed = new(2026, 1, 15);
    private static readonly PenaltyTerms Denda = new(10, 2);
    private static readonly IReadOnlyList<LoanInstallment> Flat =
        LoanSchedule.Build(InterestMethod.Flat, 150, RoundingUnit.WholeRupiah, 10_000_000, 12, DueDates.AfterDisbursement(Disbursed));

    /// <summary>The first installments paid in full, each on its due date.</summary>
    private static IReadOnlyList<LoanInstallment> PaidThrough(int installments) =>
        Flat.Select(i => i.Number <= installments ? i with { Payments = [new("t-" + i.Number, i.DueDate, 0, i.Interest, i.Principal)] } : i).ToList();

    [Fact]
    public void Quote_OnTheDisbursementDate_PrincipalOnly()
    {
        var quote = LoanPayoff.Quote(Flat, Disbursed, Denda, Disbursed);

        Assert.Equal((10_000_000L, 0L, 0L), (quote.Principal, quote.Interest, quote.Penalty));
    }

    [Fact]
    public void Quote_TheDayAfterDisbursement_AddsTheFirstPeriodsJasaInFull()
    {
        var quote = LoanPayoff.Quote(Flat, Disbursed, Denda, Disbursed.AddDays(1));

        Assert.Equal(10_150_000, quote.Total);
    }

    [Fact]
    public void Quote_OnADueDateWithEarlierInstallmentsPaid_DoesNotAddTheNextPeriod()
    {
        var paid = PaidThrough(2);

        var quote = LoanPayoff.Quote(paid, Disbursed, Denda, new DateOnly(2026, 4, 15)); // installment 3's due date

        Assert.Equal((10_000_000L - 2 * 833_333, 150_000L, 0L), (quote.Principal, quote.Interest, quote.Penalty));
    }

    [Fact]
    public void Quote_TheDayAfterADueDate_AddsTheNextPeriodsJasa()
    {
        var paid = PaidThrough(3);

        var quote = LoanPayoff.Quote(paid, Disbursed, Denda, new DateOnly(2026, 4, 16));

        Assert.Equal((10_000_000L - 3 * 833_333, 150_000L), (quote.Principal, quote.Interest));
    }

    [Fact]
    public void Quote_AnInstallmentOverdue_AddsItsJasaTheCurrentPeriodsAndDenda()
    {
        var paid = PaidThrough(1);
        var asOf = new DateOnly(2026, 3, 20); // installment 2 due 15 March: grace to the 17th, denda for 18, 19, 20 March

        var quote = LoanPayoff.Quote(paid, Disbursed, Denda, asOf);

        Assert.Equal((10_000_000L - 833_333, 2 * 150_000L, 2_950L), (quote.Principal, quote.Interest, quote.Penalty)); // 3 × 983.333
    }

    [Fact]
    public void Allocate_ThePayoffAmount_ClearsEveryPokokWithNothingLeftOver()
    {
        var paid = PaidThrough(1);
        var asOf = new DateOnly(2026, 3, 20);
        var quote = LoanPayoff.Quote(paid, Disbursed, Denda, asOf);

        var result = LoanAllocation.Allocate(LoanDues.AsOf(paid, Disbursed, Denda, asOf), quote.Total);

        Assert.Equal(paid.Sum(i => i.Principal - i.PaidPrincipal), result.Principal);
        Assert.Equal((quote.Interest, quote.Penalty, 0L), (result.Interest, result.Penalty, result.Excess));
    }

    [Fact]
    public void Allocate_OneRupiahLessThanPayoff_LeavesOneRupiahOfTheLastPokok()
    {
        var asOf = Disbursed.AddDays(10);
        var quote = LoanPayoff.Quote(Flat, Disbursed, Denda, asOf);

        var result = LoanAllocation.Allocate(LoanDues.AsOf(Flat, Disbursed, Denda, asOf), quote.Total - 1);

        Assert.Equal(10_000_000 - 1, result.Principal);
        Assert.Equal(new InstallmentAmounts(12, 0, 0, 833_336), result.Installments[^1]);
    }

    [Fact]
    public void Dues_FutureInstallments_OwePokokButNoJasa()
    {
        var dues = LoanDues.AsOf(Flat, Disbursed, Denda, Disbursed.AddDays(10));

        Assert.Equal(new InstallmentAmounts(1, 0, 150_000, 833_333), dues[0]);
        Assert.All(dues.Skip(1), d => Assert.Equal(0, d.Interest));
    }
}
