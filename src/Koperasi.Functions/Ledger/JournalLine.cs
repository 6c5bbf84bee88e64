namespace Koperasi.Functions.Ledger;

/// <summary>One side of a journal: an account and a debit or a credit in whole rupiah.</summary>
public sealed record JournalLine(string Account, long Debit, long Credit);
