using System.Text.Json;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Loans;

/// <summary>
/// Where loans are kept. Every partition starts with the cooperative id:
/// <list type="bullet">
/// <item>in the <c>loans</c> table, <c>{coop}|products</c> / <c>{code}</c>: the cooperative's loan products (rare writes);</item>
/// <item>in the <c>ledger</c> table, <c>{coop}|m|{member}</c> / <c>loan|{id}</c>: each loan in its member's ledger
///   partition, beside the balances, so the posting that moves a loan's money writes the loan in the same entity-group
///   transaction; and <c>open|{product}</c>: the member's loans of a product that held a place when last written (a
///   submission counts only those still open, and writes the row with the new loan atomically, which is what enforces
///   <see cref="LoanProduct.MaxActiveLoansPerMember"/> under concurrent calls);</item>
/// <item>in the <c>loans</c> table, <c>{coop}|loans</c> / <c>id|{id}</c>: the loan id's claim (its member and application, for idempotency and
///   for finding the member partition from an id), and <c>status|{status}|{id}</c>: the listing index with a summary,
///   so <c>GET /api/loans?status=</c> is one partition and one RowKey range.</item>
/// </list>
/// </summary>
public static class LoanKeys
{
    public const string LoanPrefix = "loan|";
    /// <summary>Just past every loan row: <c>RowKey lt LoansEnd</c> closes the range of a member's loans.</summary>
    public const string LoansEnd = "loan}";
    public const string OpenPrefix = "open|";
    public const string ClaimPrefix = "id|";
    public const string StatusPrefix = "status|";

    public static string ProductsPartition(string cooperativeId) => $"{cooperativeId}|products";

    public static string MemberPartition(string cooperativeId, string memberId) => Ledger.LedgerKeys.MemberPartition(cooperativeId, memberId);

    public static string IndexPartition(string cooperativeId) => $"{cooperativeId}|loans";

    public static string LoanRow(string loanId) => LoanPrefix + loanId;

    public static string OpenRow(string productCode) => OpenPrefix + productCode;

    public static string ClaimRow(string loanId) => ClaimPrefix + loanId;

    public static string StatusRow(LoanStatus status, string loanId) => $"{StatusPrefix}{StatusName(status)}|{loanId}";

    /// <summary>Rows of one status (or of every status): [From, To).</summary>
    public static (string From, string To) StatusRange(LoanStatus? status) => status is { } s
        ? ($"{StatusPrefix}{StatusName(s)}|", $"{StatusPrefix}{StatusName(s)}}}")
        : (StatusPrefix, "status}");

    /// <summary>The API's spelling of a status (<c>written_off</c>).</summary>
    public static string StatusName(LoanStatus status) => JsonSerializer.Serialize(status, ApiJson.Options).Trim('"');

    public static bool TryParseStatus(string text, out LoanStatus status)
    {
        foreach (var candidate in Enum.GetValues<LoanStatus>())
        {
            if (StatusName(candidate) == text)
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
