using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Tests.Support;

public static class ShardMembers
{
    /// <summary>Member ids <paramref name="prefix"/>1, 2, ... that fall in one trial-balance shard.</summary>
    public static List<string> SameShard(string prefix, int count) =>
        Enumerable.Range(1, 500).Select(i => $"{prefix}{i}").GroupBy(TrialBalanceShards.ShardOf).First(g => g.Count() >= count).Take(count).ToList();
}
