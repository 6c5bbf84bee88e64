namespace Koperasi.Functions.Loans;

/// <summary>
/// <c>GET /api/loans/arrears?asOf=</c>: active loans by days past due. The buckets cover every active loan (the
/// <c>current</c> bucket too), so <see cref="OutstandingPrincipal"/> is the trial balance's piutang_pinjaman on the same
/// date; <see cref="Items"/> lists the loans past due, most days first.
/// </summary>
public sealed record ArrearsReport(DateOnly AsOf, int Loans, long OutstandingPrincipal, long Overdue, IReadOnlyList<ArrearsBucket> Buckets, IReadOnlyList<LoanArrears> Items)
{
    /// <summary>Every active loan, past due first (as <see cref="Items"/>), then the current ones by id: what the loans export lists.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<LoanArrears> All { get; init; } = [];

    public static ArrearsReport Of(IEnumerable<Loan> activeLoans, DateOnly asOf)
    {
        var all = activeLoans.Where(l => l.DisbursedOn is { } d && d <= asOf).Select(l => LoanArrears.Of(l, asOf)).ToList();
        var buckets = LoanArrears.Buckets.Select(b => all.Where(a => a.Bucket == b).ToList())
            .Select((list, i) => new ArrearsBucket(LoanArrears.Buckets[i], list.Count, list.Sum(a => a.OutstandingPrincipal), list.Sum(a => a.Overdue), list.Sum(a => a.PenaltyDue)))
            .ToList();
        var late = all.Where(a => a.DaysPastDue > 0).OrderByDescending(a => a.DaysPastDue).ThenBy(a => a.LoanId, StringComparer.Ordinal).ToList();
        return new ArrearsReport(asOf, all.Count, all.Sum(a => a.OutstandingPrincipal), all.Sum(a => a.Overdue), buckets, late)
        {
            All = [.. late, .. all.Where(a => a.DaysPastDue == 0).OrderBy(a => a.LoanId, StringComparer.Ordinal)],
        };
    }
}
