using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Loans;

/// <summary>
/// The body of <c>POST /api/loans</c>. Two sends of one id carry the same content when every field is equal (the
/// first due date both absent, or the same date).
/// </summary>
public sealed partial record LoanApplication(string Id, string MemberId, string ProductCode, long Principal, int TermMonths, DateOnly? FirstDueDate)
{
    public const long MaxPrincipal = 1_000_000_000_000;
    public const string IdRule = "must be 1-64 characters of letters, digits, '-' and '_'";

    /// <summary>Route words below /api/loans/ that a loan id cannot be.</summary>
    public static readonly IReadOnlyList<string> ReservedIds = ["arrears"];

    private static readonly string[] Fields = ["id", "memberId", "productCode", "principal", "termMonths", "firstDueDate"];

    public static LoanApplication Read(JsonElement body)
    {
        var fields = new JsonFields(body, Fields);
        var id = fields.String("id", required: true, maxLength: 64, LoanIdPattern(), IdRule);
        if (id is not null && ReservedIds.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            fields.Add("id", $"'{id}' is reserved");
        }
        var memberId = fields.String("memberId", required: true, maxLength: 32, Members.MemberId.Pattern(), Members.MemberId.Rule);
        var productCode = fields.String("productCode", required: true, maxLength: 32, LoanProductRequest.CodePattern(), LoanProductRequest.CodeRule);
        var principal = fields.Rupiah("principal", required: true, min: 1, max: MaxPrincipal);
        var termMonths = fields.Integer("termMonths", required: true, min: 1, max: LoanSchedule.MaxTermMonths);
        var firstDueDate = fields.Date("firstDueDate", required: false);
        fields.ThrowIfInvalid();
        return new LoanApplication(id!, memberId!, productCode!, principal!.Value, termMonths!.Value, firstDueDate);
    }

    public static bool IsValidId(string? id) => id is not null && LoanIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex LoanIdPattern();
}
