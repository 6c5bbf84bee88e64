namespace Koperasi.Functions.Books;

/// <summary>
/// The SHU split (pure; DOMAIN.md, "Year end"): each allocation = SHU × bps / 10,000 rounded down; a member's share
/// <c>SHU_a = (S_a / S_total) × JMA + (V_a / V_total) × JUA</c>, each part rounded down to whole rupiah; what rounding
/// leaves stays in the policy's remainder account. Exact integer arithmetic (<see cref="Int128"/>): no floating point
/// decides a rupiah. A loss (SHU ≤ 0) allocates nothing.
/// </summary>
public static class ShuCalculation
{
    public static ShuSplit Split(long shu, ShuPolicy policy, IReadOnlyList<ShuMemberBasis> members)
    {
        var surplus = Math.Max(0, shu);
        var allocations = policy.Allocations.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new ShuAllocation(a.Key, a.Value, Part(surplus, a.Value, ShuPolicy.WholeBps))).ToList();
        long Pool(string code) => allocations.Where(a => a.Code == code).Sum(a => a.Amount);
        var (jma, jua) = (Pool(ShuPolicy.JasaModal), Pool(ShuPolicy.JasaUsaha));
        var capitalWeights = members.Sum(m => m.CapitalWeight);
        var useTotal = members.Sum(m => m.Use);
        var shares = members.OrderBy(m => m.MemberId, StringComparer.Ordinal).Select(m => new ShuMemberShare(m.MemberId, m.Capital, m.Use,
            Part(m.CapitalWeight, jma, capitalWeights), Part(m.Use, jua, useTotal))).ToList();
        var remainder = new ShuRemainder(policy.RemainderAccount, surplus - allocations.Sum(a => a.Amount), jma + jua - shares.Sum(s => s.Total));
        return new ShuSplit(shu, allocations, members.Sum(m => m.Capital), useTotal, shares, remainder);
    }

    /// <summary>⌊value × numerator / denominator⌋ exactly; 0 when the denominator is 0 (no capital, no use: the pool stays in the remainder).</summary>
    public static long Part(long value, long numerator, long denominator) =>
        denominator <= 0 ? 0 : (long)((Int128)value * numerator / denominator);
}
