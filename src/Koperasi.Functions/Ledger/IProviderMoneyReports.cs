namespace Koperasi.Functions.Ledger;

/// <summary>The providers' own record of money in and out, read independently of the ledger for its check.</summary>
public interface IProviderMoneyReports
{
    IAsyncEnumerable<ProviderMoney> ListAsync(string cooperativeId, CancellationToken cancellationToken = default);
}
