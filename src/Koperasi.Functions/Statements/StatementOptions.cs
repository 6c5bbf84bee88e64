using Koperasi.Functions.Cooperatives;

namespace Koperasi.Functions.Statements;

/// <summary>Settings section <c>Statements</c>.</summary>
public sealed class StatementOptions
{
    public const string Section = "Statements";

    /// <summary>
    /// How long after a run closes the month the per-member messages become visible. Other instances may keep a
    /// cached profile (and so post into the closed month) for <see cref="CooperativeStore.CacheFor"/>; statements are
    /// computed only after that, so a closed month's statement never changes. Zero is safe only with one instance
    /// (its own cache is cleared by the close): the LocalHost and the tests.
    /// </summary>
    public int SettleSeconds { get; set; } = (int)CooperativeStore.CacheFor.TotalSeconds + 30;

    public TimeSpan SettleDelay => TimeSpan.FromSeconds(SettleSeconds);
}
