namespace Koperasi.Functions.Payments;

/// <summary>
/// A member's payment reference: an exact VA number or external id, or an order-id prefix (<c>match: prefix</c>), for one
/// savings account or one loan (<see cref="LoanId"/>, the account then being piutang_pinjaman).
/// </summary>
public sealed record PaymentReference(string MemberId, string Provider, string Reference, string Account, string Match, string? LoanId = null);
