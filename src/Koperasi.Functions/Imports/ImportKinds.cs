namespace Koperasi.Functions.Imports;

/// <summary>What a file holds. <c>loans</c> has a template only: the running-loans import is still to build.</summary>
public static class ImportKinds
{
    public const string Members = "members";
    public const string OpeningBalances = "opening-balances";
    public const string Loans = "loans";

    /// <summary>The kinds <c>POST /api/imports/members</c> and <c>/opening-balances</c> take.</summary>
    public static readonly IReadOnlyList<string> Importable = [Members, OpeningBalances];
}
