namespace Koperasi.Functions.Books;

/// <summary>What rounding down leaves, and the account that keeps it: from the allocations (SHU − their sum) and from the members' pools (pool − the members' shares).</summary>
public sealed record ShuRemainder(string Account, long FromAllocations, long FromMembers)
{
    public long Amount => FromAllocations + FromMembers;
}
