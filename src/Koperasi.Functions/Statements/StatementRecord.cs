namespace Koperasi.Functions.Statements;

/// <summary>The delivery record of one (cooperative, member, period) statement.</summary>
public sealed record StatementRecord(
    string MemberId,
    string Period,
    StatementStatus Status,
    string StatementId,
    int Attempts,
    DateTimeOffset UpdatedAt,
    string? ProviderMessageId = null,
    string? Reason = null,
    string? Error = null,
    DateTimeOffset? SentAt = null);
