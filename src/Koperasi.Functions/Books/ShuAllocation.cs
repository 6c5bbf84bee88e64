namespace Koperasi.Functions.Books;

/// <summary>One allocation of the SHU: its code (an account, or a members' pool), its basis points and its amount, rounded down.</summary>
public sealed record ShuAllocation(string Code, int Bps, long Amount);
