namespace Koperasi.Functions.Ledger;

/// <summary>What the ledger check counted and every invariant it found broken (none, on healthy books).</summary>
public sealed record LedgerAuditReport(
    int Members,
    int Journals,
    int PostedMarkers,
    int RejectedMarkers,
    long TotalDebit,
    long TotalCredit,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ClearingCheck>? Clearing = null)
{
    /// <summary>The journal chains: each partition's first broken link, if any (also listed in <see cref="Problems"/>).</summary>
    public Audit.ChainReport Chains { get; init; } = Audit.ChainReport.Empty;

    public bool Ok => Problems.Count == 0;
}
