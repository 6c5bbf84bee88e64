namespace Koperasi.Functions.Transactions;

/// <summary>Why a transaction was rejected: a stable code and a message in plain words.</summary>
public sealed record StatusReason(string Code, string Message);
