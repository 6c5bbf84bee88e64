namespace Koperasi.Functions.Transactions;

/// <summary>
/// What intake recorded for a transaction id: the content first accepted for it, where it came from, and the failure
/// that poisoned its posting message, if one did.
/// </summary>
public sealed record TransactionRecord(string CooperativeId, string Source, TransactionRequest Request, DateTimeOffset ReceivedAt, string? FailureId = null);
