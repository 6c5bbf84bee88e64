namespace Koperasi.Functions.Loans;

/// <summary>A product's denda: <see cref="BpsPerDay"/> of the unpaid installment per calendar day after <see cref="GraceDays"/> days.</summary>
public sealed record PenaltyTerms(int BpsPerDay, int GraceDays);
