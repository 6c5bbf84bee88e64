using System.Numerics;

namespace Koperasi.Functions.Loans;

/// <summary>Rates as integer basis points (150 = 1.50%), and a rate applied to an amount in whole rupiah (half up).</summary>
public static class BasisPoints
{
    /// <summary>Basis points in one whole (100%).</summary>
    public const int Whole = 10_000;

    /// <summary><paramref name="bps"/> of <paramref name="amount"/>, rounded half up to whole rupiah.</summary>
    public static long Of(long amount, int bps) => RoundingUnit.WholeRupiah.Round((BigInteger)amount * bps, Whole);
}
