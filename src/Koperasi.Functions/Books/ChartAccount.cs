using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books;

/// <summary>One account of a cooperative's chart as the API shows it: a built-in (the starter chart, a provider's clearing account) or the cooperative's own.</summary>
public sealed record ChartAccount(string Code, string Name, AccountClass Class, string? Parent, bool BuiltIn)
{
    public LedgerAccount ToLedgerAccount() => new(Code, Name, Class);
}
