namespace Koperasi.Functions.Payments;

/// <summary>Where a payment goes: a member and one of their savings accounts, or one of their loans (account piutang_pinjaman).</summary>
public sealed record PaymentMatch(string MemberId, string Account, string? LoanId = null);
