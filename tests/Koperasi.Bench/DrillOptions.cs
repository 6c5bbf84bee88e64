namespace Koperasi.Bench;

/// <summary>How big a fault drill is: the CI smoke runs a short one, the full drill at least 5,000 transactions and 5 kills.</summary>
public sealed record DrillOptions(int Transactions, int Members, int Burst, int Kills, TimeSpan AzuriteDown, int Concurrency)
{
    public static readonly DrillOptions Full = new(5_000, 200, 200, 6, TimeSpan.FromSeconds(6), 16);
    public static readonly DrillOptions Smoke = new(800, 40, 200, 2, TimeSpan.FromSeconds(3), 16);
}
