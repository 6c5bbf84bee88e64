namespace Koperasi.Functions.Loans;

/// <summary>
/// Denda the treasurer waived on one installment (<c>POST /api/loans/{id}/waive-penalty</c>), as of its date: it lowers
/// the denda due from that date on. No journal: denda is income only when paid, so a waiver moves no money.
/// </summary>
public sealed record PenaltyWaiver(string Id, DateOnly Date, long Amount, string Reason, string By);
