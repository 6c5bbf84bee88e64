using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>Repayment allocation: oldest installment first, and within it denda, then jasa, then pokok.</summary>
public sealed class LoanAllocationTests
{
    private static readonly IReadOnlyList<InstallmentAmounts> Dues =
    [
        new(1, Penalty: 5_000, Interest: 150_000, Principal: 833_333),
        new(2, Penalty: 1_000, Interest: 150_000, Principal: 833_333),
        new(3, Penalty: 0, Interest: 0, Principal: 833_334),
    ];

    [Fact]
    public void Allocate_LessThanTheDenda_AllToDenda()
    {
        var result = LoanAllocation.Allocate(Dues, 3_000);

        Assert.Equal([new InstallmentAmounts(1, 3_000, 0, 0)], result.Installments);
        Assert.Equal((3_000L, 0L, 0L, 0L), (result.Penalty, result.Interest, result.Principal, result.Excess));
    }

    [Fact]
    public void Allocate_PartOfOneInstallment_DendaThenJasaThenPokok()
    {
        var result = LoanAllocation.Allocate(Dues, 500_000);

        Assert.Equal([new InstallmentAmounts(1, 5_000, 150_000, 345_000)], result.Installments);
    }

    [Fact]
    public void Allocate_SeveralInstallments_OldestFirstEachInOrder()
    {
        var result = LoanAllocation.Allocate(Dues, 988_333 + 200_000);

        Assert.Equal([new InstallmentAmounts(1, 5_000, 150_000, 833_333), new InstallmentAmounts(2, 1_000, 150_000, 49_000)], result.Installments);
        Assert.Equal((6_000L, 300_000L, 882_333L), (result.Penalty, result.Interest, result.Principal));
        Assert.Equal(0, result.Excess);
    }

    [Fact]
    public void Allocate_MoreThanIsOwed_FillsEverythingAndReturnsTheExcess()
    {
        var owed = Dues.Sum(d => d.Total);

        var result = LoanAllocation.Allocate(Dues, owed + 12_345);

        Assert.Equal(owed, result.Applied);
        Assert.Equal(12_345, result.Excess);
        Assert.Equal(Dues, result.Installments);
    }

    [Fact]
    public void Allocate_Zero_TouchesNothing()
    {
        var result = LoanAllocation.Allocate(Dues, 0);

        Assert.Empty(result.Installments);
        Assert.Equal(0, result.Applied);
    }

    [Fact]
    public void Allocate_DuesOutOfOrder_StillOldestFirst()
    {
        var result = LoanAllocation.Allocate([.. Dues.Reverse()], 10_000);

        Assert.Equal([new InstallmentAmounts(1, 5_000, 5_000, 0)], result.Installments);
    }
}
