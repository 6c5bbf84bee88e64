using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Providers;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Reads <c>{provider, reference, account}</c> or <c>{provider, reference, loanId}</c> (a loan's repayments). A reference ending in <c>*</c> is an order-id prefix (<c>KSP-A001-*</c>);
/// any other is matched exactly (a VA number or an external id). Provider is <c>midtrans</c>, <c>xendit</c> or <c>standard:{name}</c>.
/// A prefix matches only at a boundary, so <c>KSP-A1*</c> matches <c>KSP-A1-2026</c> but not <c>KSP-A10-2026</c>.
/// </summary>
public static partial class PaymentReferenceRules
{
    public const string Exact = "exact";
    public const string Prefix = "prefix";
    public const int MaxReference = 128;

    public static PaymentReference Read(string memberId, JsonElement body)
    {
        var fields = new JsonFields(body, "provider", "reference", "account", "loanId");
        var provider = fields.String("provider", required: true, maxLength: 64);
        if (provider is not null && !ProviderNames.IsKnownSource(provider))
        {
            fields.Add("provider", "must be midtrans, xendit or standard:{name} (name: 1-32 of a-z, 0-9, '_')");
        }
        var reference = fields.String("reference", required: true, maxLength: MaxReference, Reference(),
            "must be letters, digits and . _ ~ : @ + - (end it with * for an order-id prefix)");
        var (account, loanId) = ReadTarget(fields);
        fields.ThrowIfInvalid("invalid_payment_reference", "The payment reference is not valid.");
        return new PaymentReference(memberId, provider!, reference!, account!, reference!.EndsWith('*') ? Prefix : Exact, loanId);
    }

    /// <summary>Where the money goes: a savings <c>account</c>, or a <c>loanId</c> (then the account is piutang_pinjaman); exactly one of them.</summary>
    public static (string? Account, string? LoanId) ReadTarget(JsonFields fields)
    {
        var loanId = fields.String("loanId", required: false, maxLength: 64, Loans.LoanApplication.LoanIdPattern(), Loans.LoanApplication.IdRule);
        var account = fields.OneOf("account", required: loanId is null, TransactionKinds.SavingsAccounts.ToArray());
        if (loanId is not null && account is not null)
        {
            fields.Add("account", "give either account or loanId, not both");
        }
        return loanId is null ? (account, null) : (Ledger.ChartOfAccounts.PiutangPinjaman, loanId);
    }

    /// <summary>
    /// Refuses a <c>loanId</c> that is not one of the member's loans (422 <c>unknown_loan</c>): a typo would send every
    /// payment to sukarela instead. A target without a loan passes.
    /// </summary>
    public static async Task RequireMemberLoanAsync(Loans.LoanStore loans, string cooperativeId, string memberId, string? loanId, CancellationToken cancellationToken)
    {
        if (loanId is not null && (await loans.FindClaimAsync(cooperativeId, loanId, cancellationToken))?.MemberId != memberId)
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("unknown_loan", $"Member '{memberId}' has no loan '{loanId}' in this cooperative.",
                new Dictionary<string, string[]> { ["loanId"] = ["is not a loan of this member"] }));
        }
    }

    /// <summary>The characters that end one part of an order id: a prefix ending in one, or followed by one, is a whole part.</summary>
    public const string Separators = "-_./:";

    /// <summary>
    /// Whether <paramref name="candidate"/> starts with <paramref name="prefix"/> at a boundary: the prefix is the whole
    /// candidate, or ends with a separator (<c>KSP-A1-</c>), or the candidate's next character is one (<c>KSP-A1</c> in
    /// <c>KSP-A1-2026</c>, <c>KSP-A1_7</c>, <c>KSP-A1.7</c>, <c>KSP-A1/7</c>, <c>KSP-A1:7</c>).
    /// </summary>
    public static bool MatchesAtBoundary(string candidate, string prefix) =>
        prefix.Length > 0 && candidate.StartsWith(prefix, StringComparison.Ordinal) &&
        (candidate.Length == prefix.Length || Separators.Contains(prefix[^1]) || Separators.Contains(candidate[prefix.Length]));

    /// <summary>
    /// One member or none: matches naming different members are ambiguous (null); otherwise the most specific match
    /// (exact, then the longest prefix) gives the account, and two equally specific ones that disagree are ambiguous too.
    /// </summary>
    public static PaymentMatch? Decide(IReadOnlyCollection<(PaymentMatch Match, int Specificity)> found)
    {
        if (found.Count == 0 || found.Select(f => f.Match.MemberId).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return null;
        }
        var best = found.Max(f => f.Specificity);
        var top = found.Where(f => f.Specificity == best).Select(f => f.Match).Distinct().ToList();
        return top.Count == 1 ? top[0] : null;
    }

    /// <summary>Only references made of these characters can be table keys; a provider reference with others matches prefixes only.</summary>
    public static bool IsStorable(string reference) => reference.Length <= MaxReference && Storable().IsMatch(reference);

    [GeneratedRegex(@"^[A-Za-z0-9._~:@+-]+\*?$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[A-Za-z0-9._~:@+-]+$")]
    private static partial Regex Storable();
}
