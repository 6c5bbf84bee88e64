namespace Koperasi.Functions.Loans;

/// <summary>
/// How one payment splits: per installment (only those it touches, oldest first), the totals by kind (the journal's
/// credit lines: pendapatan_denda, pendapatan_jasa_pinjaman, piutang_pinjaman) and what is beyond all that is owed.
/// </summary>
public sealed record LoanAllocationResult(IReadOnlyList<InstallmentAmounts> Installments, long Penalty, long Interest, long Principal, long Excess)
{
    public long Applied => Penalty + Interest + Principal;
}
