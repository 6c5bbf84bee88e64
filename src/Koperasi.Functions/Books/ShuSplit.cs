namespace Koperasi.Functions.Books;

/// <summary>The SHU split by a policy (<see cref="ShuCalculation.Split"/>): each allocation, each member's share, the totals and the remainder.</summary>
public sealed record ShuSplit(
    long Shu,
    IReadOnlyList<ShuAllocation> Allocations,
    long CapitalTotal,
    long UseTotal,
    IReadOnlyList<ShuMemberShare> Members,
    ShuRemainder Remainder)
{
    public long MembersTotal => Members.Sum(m => m.Total);
}
