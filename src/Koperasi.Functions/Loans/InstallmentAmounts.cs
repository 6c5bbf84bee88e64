namespace Koperasi.Functions.Loans;

/// <summary>Denda, jasa and pokok of one installment: what is owed on it, or what a payment puts toward it.</summary>
public sealed record InstallmentAmounts(int Number, long Penalty, long Interest, long Principal)
{
    public long Total => Penalty + Interest + Principal;
}
