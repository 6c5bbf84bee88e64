using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>The one rounding rule (nearest, a half up) and basis points of an amount.</summary>
public sealed class MoneyArithmeticTests
{
    [Theory]
    [InlineData(10_000_000, 150, 150_000)]
    [InlineData(9_233_200, 150, 138_498)]
    [InlineData(903_250, 150, 13_549)] // 13,548.75
    [InlineData(5_000, 1, 1)]          // 0.5: a half goes up
    [InlineData(4_999, 1, 0)]
    [InlineData(0, 150, 0)]
    public void Of_Amount_WholeRupiahHalfUp(long amount, int bps, long expected)
    {
        Assert.Equal(expected, BasisPoints.Of(amount, bps));
    }

    [Theory]
    [InlineData(1000, 1_499, 1_000)]
    [InlineData(1000, 1_500, 2_000)]
    [InlineData(100, 983_349, 983_300)]
    [InlineData(100, 983_350, 983_400)]
    [InlineData(1, 983_333, 983_333)]
    public void Round_ToUnit_NearestMultipleHalfUp(long unit, long amount, long expected)
    {
        Assert.Equal(expected, RoundingUnit.Of(unit).Round(amount));
    }

    [Fact]
    public void Round_Fraction_ExactAtTheHalf()
    {
        Assert.Equal(3, RoundingUnit.WholeRupiah.Round(5, 2));
        Assert.Equal(2, RoundingUnit.WholeRupiah.Round(7, 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(500)]
    public void Of_UnitNotAllowed_Throws(long unit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RoundingUnit.Of(unit));
    }
}
