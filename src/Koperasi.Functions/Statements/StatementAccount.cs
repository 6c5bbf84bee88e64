namespace Koperasi.Functions.Statements;

/// <summary>One savings account on a statement: opening balance, every movement with its running balance, closing balance.</summary>
public sealed record StatementAccount(
    string Account,
    string Name,
    long OpeningBalance,
    IReadOnlyList<StatementMovement> Movements,
    long TotalIn,
    long TotalOut,
    long ClosingBalance);
