using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books.Reports;

/// <summary>
/// Where the reports learn an account's name, class and place in the statements: the cooperative's chart, in its
/// order. Today every cooperative has the built-in chart (<see cref="ChartOfAccounts"/>); a cooperative's own accounts
/// (issue 12, point 1) plug in here, in <see cref="ForAsync"/> alone.
/// </summary>
public sealed class ReportChart
{
    private readonly Dictionary<string, int> order;

    private ReportChart(IReadOnlyList<LedgerAccount> accounts) =>
        order = accounts.Select((a, i) => (a.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

    public static Task<ReportChart> ForAsync(string cooperativeId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ReportChart(ChartOfAccounts.Standard.ToList()));

    public LedgerAccount Account(string code) => ChartOfAccounts.Find(code);

    /// <summary>The codes in the chart's order (codes outside the listed chart, such as a provider's clearing account, after it by code).</summary>
    public IEnumerable<string> Ordered(IEnumerable<string> codes) =>
        codes.OrderBy(c => order.TryGetValue(c, out var i) ? i : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal);
}
