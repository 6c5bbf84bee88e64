namespace Koperasi.Functions.Ledger;

/// <summary>
/// A posting that went through, but not where or not in full as asked: provider money a savings rule would refuse,
/// booked to sukarela or to suspense, or a refund larger than what was left. A stable code and a message a treasurer
/// can read; every such posting is listed for the treasurer (<c>GET /api/transactions?status=adjusted</c>).
/// </summary>
public sealed record Adjustment(string Code, string Message);
