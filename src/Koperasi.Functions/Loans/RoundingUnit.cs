using System.Numerics;

namespace Koperasi.Functions.Loans;

/// <summary>
/// The unit an amount is rounded to: whole rupiah (1), or Rp100 or Rp1.000 for installments. Rounding is to the
/// nearest multiple, a half going up; it works on an exact fraction (numerator / denominator) so that no
/// floating-point error can move an amount across a half.
/// </summary>
public readonly record struct RoundingUnit
{
    public static readonly IReadOnlyList<long> Allowed = [1, 100, 1000];

    /// <summary>Every amount in the ledger is whole rupiah.</summary>
    public static readonly RoundingUnit WholeRupiah = new(1);

    private RoundingUnit(long amount) => Amount = amount;

    /// <summary>The unit in rupiah: 1, 100 or 1,000.</summary>
    public long Amount { get; }

    public static bool IsAllowed(long amount) => Allowed.Contains(amount);

    public static RoundingUnit Of(long amount) => IsAllowed(amount)
        ? new RoundingUnit(amount)
        : throw new ArgumentOutOfRangeException(nameof(amount), amount, "A rounding unit is 1, 100 or 1000 rupiah.");

    /// <summary>The multiple of this unit nearest to <paramref name="numerator"/> / <paramref name="denominator"/> (≥ 0), a half rounding up.</summary>
    public long Round(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.Sign < 0 || denominator.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "Only a non-negative amount over a positive denominator is rounded.");
        }
        var unit = denominator * Math.Max(Amount, 1);
        // floor(n / (d·u) + 1/2) = floor((2n + d·u) / (2·d·u))
        return (long)((2 * numerator + unit) / (2 * unit)) * Math.Max(Amount, 1);
    }

    public long Round(long amount) => Round(amount, BigInteger.One);
}
