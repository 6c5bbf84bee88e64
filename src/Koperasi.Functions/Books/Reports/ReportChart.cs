using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Where the reports learn an account's name, class and place in the statements: the cooperative's chart, in its
/// order: the built-in accounts (<see cref="ChartOfAccounts"/>, with the names the cooperative gave them), then its own.
/// </summary>
public sealed class ReportChart
{
    private readonly CooperativeChart chart;
    private readonly Dictionary<string, int> order;

    private ReportChart(CooperativeChart chart)
    {
        this.chart = chart;
        order = chart.Accounts.Select((a, i) => (a.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
    }

    public static async Task<ReportChart> ForAsync(ChartOfAccountsStore charts, string cooperativeId, CancellationToken cancellationToken = default) =>
        new(await charts.LoadAsync(cooperativeId, cancellationToken));

    public LedgerAccount Account(string code) => chart.Account(code);

    /// <summary>The codes in the chart's order (codes outside the listed chart, such as a provider's clearing account, after it by code).</summary>
    public IEnumerable<string> Ordered(IEnumerable<string> codes) =>
        codes.OrderBy(c => order.TryGetValue(c, out var i) ? i : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal);
}
