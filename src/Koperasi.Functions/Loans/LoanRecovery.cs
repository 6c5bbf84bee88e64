namespace Koperasi.Functions.Loans;

/// <summary>A payment received on a written-off loan: recovery income (pendapatan_pemulihan_piutang), not allocated to the schedule.</summary>
public sealed record LoanRecovery(string TransactionId, DateOnly Date, long Amount);
