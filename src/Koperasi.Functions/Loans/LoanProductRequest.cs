using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Loans;

/// <summary>Reads and checks the body of <c>PUT /api/loan-products/{code}</c>; every problem is reported by field name.</summary>
public static partial class LoanProductRequest
{
    public const string CodeRule = "must be 1-32 characters of letters, digits, '-' and '_'";
    public const int MaxMonthlyRateBps = 1_000;
    public const int MaxAdminFeeBps = 1_000;
    public const int MaxPenaltyBpsPerDay = 100;
    public const int MaxPenaltyGraceDays = 90;
    public const int MaxActiveLoansLimit = 10;

    public static readonly IReadOnlyList<string> Methods = ["flat", "annuity", "declining"];

    private static readonly string[] Fields =
    [
        "name", "interestMethod", "monthlyRateBps", "termMonthsMin", "termMonthsMax", "principalMin", "principalMax",
        "adminFeeBps", "roundTo", "penaltyBpsPerDay", "penaltyGraceDays", "maxActiveLoansPerMember",
    ];

    public static LoanProduct Read(string code, JsonElement body, DateTimeOffset now)
    {
        var fields = new JsonFields(body, Fields);
        if (!CodePattern().IsMatch(code))
        {
            fields.Add("code", CodeRule);
        }
        var name = fields.String("name", required: true, maxLength: 100);
        if (name is not null && name.Trim().Length == 0)
        {
            fields.Add("name", "must not be blank");
        }
        var method = fields.OneOf("interestMethod", required: true, Methods.ToArray());
        var rate = fields.Integer("monthlyRateBps", required: true, min: 0, max: MaxMonthlyRateBps);
        var termMin = fields.Integer("termMonthsMin", required: true, min: 1, max: LoanSchedule.MaxTermMonths);
        var termMax = fields.Integer("termMonthsMax", required: true, min: 1, max: LoanSchedule.MaxTermMonths);
        var principalMin = fields.Rupiah("principalMin", required: true, min: 1, max: LoanApplication.MaxPrincipal);
        var principalMax = fields.Rupiah("principalMax", required: true, min: 1, max: LoanApplication.MaxPrincipal);
        var adminFee = fields.Integer("adminFeeBps", required: true, min: 0, max: MaxAdminFeeBps);
        var roundTo = fields.Integer("roundTo", required: true, min: 1, max: 1000);
        if (roundTo is { } unit && !RoundingUnit.IsAllowed(unit))
        {
            fields.Add("roundTo", "must be 1, 100 or 1000");
        }
        var penalty = fields.Integer("penaltyBpsPerDay", required: true, min: 0, max: MaxPenaltyBpsPerDay);
        var grace = fields.Integer("penaltyGraceDays", required: true, min: 0, max: MaxPenaltyGraceDays);
        var maxActive = fields.Integer("maxActiveLoansPerMember", required: false, min: 1, max: MaxActiveLoansLimit);
        if (termMin > termMax)
        {
            fields.Add("termMonthsMax", "must be at least termMonthsMin");
        }
        if (principalMin > principalMax)
        {
            fields.Add("principalMax", "must be at least principalMin");
        }
        fields.ThrowIfInvalid();
        return new LoanProduct(code, name!.Trim(), Enum.Parse<InterestMethod>(method!, ignoreCase: true), rate!.Value, termMin!.Value, termMax!.Value,
            principalMin!.Value, principalMax!.Value, adminFee!.Value, roundTo!.Value, penalty!.Value, grace!.Value, maxActive ?? 1, now);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    public static partial Regex CodePattern();
}
