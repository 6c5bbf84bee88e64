namespace Koperasi.Functions.Payments;

/// <summary>Where a payment goes: a member and one of their savings accounts.</summary>
public sealed record PaymentMatch(string MemberId, string Account);
