using System.Runtime.CompilerServices;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Payments;

/// <summary>The payments table as the providers' record of money for the ledger check (an admin scan).</summary>
public sealed class PaymentMoneyReports(PaymentStore payments) : IProviderMoneyReports
{
    public async IAsyncEnumerable<ProviderMoney> ListAsync(string cooperativeId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var p in payments.ListAllAsync(cooperativeId, cancellationToken))
        {
            if (!p.IsPaid)
            {
                continue;
            }
            var refunds = p.Refunds.Sum(r => r.Amount);
            yield return p.IsMatched ? new ProviderMoney(p.Source, p.Amount!.Value, refunds, 0) : new ProviderMoney(p.Source, p.Amount!.Value, 0, refunds);
        }
    }
}
