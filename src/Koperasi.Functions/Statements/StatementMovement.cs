namespace Koperasi.Functions.Statements;

/// <summary>
/// One movement of a savings account on a statement, in ledger order. <see cref="Date"/> is the day it happened in
/// the cooperative's zone; a late posting (dated in an already closed month) carries that original date, with
/// <see cref="BookedOn"/> the first day of the open period it was booked into.
/// </summary>
public sealed record StatementMovement(
    string Date,
    string BookedOn,
    bool Late,
    DateTimeOffset OccurredAt,
    string TransactionId,
    string Kind,
    string? Reference,
    string? Description,
    long Change,
    long Balance);
