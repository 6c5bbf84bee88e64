namespace Koperasi.Functions.Audit;

/// <summary>What the ledger check found in the journal chains: how many chains and journals it verified, how many journals predate the chain, and the first break of each broken chain.</summary>
public sealed record ChainReport(int Chains, int SealedJournals, int LegacyJournals, IReadOnlyList<ChainBreak> Breaks)
{
    public static readonly ChainReport Empty = new(0, 0, 0, []);

    public bool Intact => Breaks.Count == 0;
}
