namespace Koperasi.Functions.Statements;

/// <summary>A statement run as the treasurer follows it; the counts are read from the period's records, never kept in a counter.</summary>
public sealed record StatementProgress(
    string Period,
    string PeriodName,
    DateTimeOffset StartedAt,
    bool FannedOut,
    int Members,
    int Pending,
    int Sending,
    int Sent,
    int Skipped,
    int Failed,
    int Unknown);
