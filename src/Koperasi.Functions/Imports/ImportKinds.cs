namespace Koperasi.Functions.Imports;

/// <summary>What a file holds: members, their opening balances (saldo awal), or their running loans.</summary>
public static class ImportKinds
{
    public const string Members = "members";
    public const string OpeningBalances = "opening-balances";
    public const string Loans = "loans";

    /// <summary>The kinds <c>POST /api/imports/{kind}</c> takes.</summary>
    public static readonly IReadOnlyList<string> Importable = [Members, OpeningBalances, Loans];

    /// <summary>The kinds that take a cut-over date (<c>asOf</c>).</summary>
    public static bool TakesCutOver(string kind) => kind is OpeningBalances or Loans;
}
