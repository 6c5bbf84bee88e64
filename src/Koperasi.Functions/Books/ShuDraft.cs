namespace Koperasi.Functions.Books;

/// <summary>
/// The answer of <c>GET /api/years/{yyyy}/shu</c>: the year's SHU (from the closing entry once the year is closed,
/// else the trial balance's income − expenses of the year), the policy, each allocation, every member's share and the remainder.
/// </summary>
public sealed record ShuDraft(
    int Year,
    bool Closed,
    string ShuSource,
    long Shu,
    ShuPolicy Policy,
    IReadOnlyList<ShuAllocation> Allocations,
    long CapitalTotal,
    long UseTotal,
    IReadOnlyList<ShuMemberShare> Members,
    long MembersTotal,
    ShuRemainder Remainder)
{
    public const string FromYearClose = "year_close";
    public const string FromTrialBalance = "trial_balance";

    public static ShuDraft Of(int year, bool closed, string source, ShuPolicy policy, ShuSplit split) => new(
        year, closed, source, split.Shu, policy, split.Allocations, split.CapitalTotal, split.UseTotal, split.Members, split.MembersTotal, split.Remainder);
}
