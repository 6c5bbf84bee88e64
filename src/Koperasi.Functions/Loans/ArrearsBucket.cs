namespace Koperasi.Functions.Loans;

/// <summary>One bucket of the arrears report: how many active loans, their principal outstanding, overdue amount and denda due.</summary>
public sealed record ArrearsBucket(string Bucket, int Loans, long OutstandingPrincipal, long Overdue, long PenaltyDue);
