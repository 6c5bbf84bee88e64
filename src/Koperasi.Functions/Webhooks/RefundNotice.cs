namespace Koperasi.Functions.Webhooks;

/// <summary>Money taken back (refund or chargeback), under the provider's own identity for it.</summary>
public sealed record RefundNotice(string RefundId, long Amount, DateTimeOffset At);
