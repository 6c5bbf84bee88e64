namespace Koperasi.Functions.Payments;

/// <summary>One refund of a payment: its provider identity, amount, time, ledger id, and whether its reversal is queued.</summary>
public sealed record RefundState(string RefundId, long Amount, DateTimeOffset At, string PostingId, bool Queued);
