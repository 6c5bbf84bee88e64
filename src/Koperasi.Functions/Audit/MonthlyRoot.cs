namespace Koperasi.Functions.Audit;

/// <summary>A cooperative's monthly root: the Merkle root over the chain heads at the month's end of every member whose statement run has visited, and how many that is.</summary>
public sealed record MonthlyRoot(string Period, string Root, int Members);
