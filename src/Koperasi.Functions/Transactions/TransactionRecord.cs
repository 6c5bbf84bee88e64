namespace Koperasi.Functions.Transactions;

/// <summary>What intake recorded for a transaction id: the content first accepted for it, and where it came from.</summary>
public sealed record TransactionRecord(string CooperativeId, string Source, TransactionRequest Request, DateTimeOffset ReceivedAt);
