namespace Koperasi.Functions.Books;

/// <summary>
/// A member's bases for the SHU: <see cref="Capital"/> (S_a, the capital accounts' year-end balance or the average of the
/// 12 month-end balances, rounded down for showing) with its exact <see cref="CapitalWeight"/> (the year-end balance, or
/// the sum of the 12 month-end balances: the 1/12 cancels in S_a / S_total), and <see cref="Use"/> (V_a, the jasa paid on loans in the year).
/// </summary>
public sealed record ShuMemberBasis(string MemberId, long Capital, long CapitalWeight, long Use);
