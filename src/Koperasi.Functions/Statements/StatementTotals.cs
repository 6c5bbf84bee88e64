namespace Koperasi.Functions.Statements;

/// <summary>All savings accounts of a statement together.</summary>
public sealed record StatementTotals(long OpeningBalance, long TotalIn, long TotalOut, long ClosingBalance);
