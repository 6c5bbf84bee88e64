namespace Koperasi.Functions.Ledger;

/// <summary>A business rule said no: a stable code and a message a treasurer can read.</summary>
public sealed record Rejection(string Code, string Message)
{
    public static Rejection UnknownMember(string memberId) => new("unknown_member", $"Anggota '{memberId}' is not a member of this cooperative.");
}
