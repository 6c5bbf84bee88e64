namespace Koperasi.Functions.Loans;

/// <summary>The amount that closes a loan on <see cref="AsOf"/>: principal left + jasa due by the payoff rule + denda.</summary>
public sealed record PayoffQuote(DateOnly AsOf, long Principal, long Interest, long Penalty)
{
    public long Total => Principal + Interest + Penalty;
}
