namespace Koperasi.Functions.Loans;

/// <summary>
/// Repayment allocation (pure; Fineract's default order): oldest installment first, and within it denda, then jasa,
/// then pokok. A payment may cover several installments or part of one. It fills only what <see cref="LoanDues"/> says
/// is owed, so a payment of the payoff amount clears every installment's pokok (the loan closes) and anything more is
/// <see cref="LoanAllocationResult.Excess"/>: the caller decides (the API rejects <c>overpayment</c>; a provider payment's
/// excess goes to the member's simpanan_sukarela).
/// </summary>
public static class LoanAllocation
{
    public static LoanAllocationResult Allocate(IReadOnlyList<InstallmentAmounts> dues, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var left = amount;
        var parts = new List<InstallmentAmounts>();
        foreach (var due in dues.OrderBy(d => d.Number))
        {
            if (left == 0)
            {
                break;
            }
            var penalty = Take(ref left, due.Penalty);
            var interest = Take(ref left, due.Interest);
            var principal = Take(ref left, due.Principal);
            if (penalty + interest + principal > 0)
            {
                parts.Add(new InstallmentAmounts(due.Number, penalty, interest, principal));
            }
        }
        return new LoanAllocationResult(parts, parts.Sum(p => p.Penalty), parts.Sum(p => p.Interest), parts.Sum(p => p.Principal), left);
    }

    private static long Take(ref long left, long owed)
    {
        var taken = Math.Min(left, Math.Max(owed, 0));
        left -= taken;
        return taken;
    }
}
