using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Transactions;

/// <summary>Checks one transaction object field by field: types, formats, ranges and unknown fields.</summary>
public static partial class TransactionValidator
{
    public const long MaxAmount = 1_000_000_000_000;
    public const int MaxReference = 128;
    public const int MaxDescription = 500;

    /// <summary>How far ahead of now an <c>occurredAt</c> may be: a clock a little fast, or a date in another zone, not a typo of a year.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    private static readonly string[] Fields = ["id", "memberId", "kind", "account", "loanId", "amount", "occurredAt", "reference", "description"];

    /// <summary>Reads and checks one item; <paramref name="now"/>, when given, bounds <c>occurredAt</c> to at most <see cref="MaxAhead"/> later.</summary>
    public static (TransactionRequest? Request, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement item, DateTimeOffset? now = null)
    {
        var fields = new JsonFields(item, Fields);
        var id = fields.String("id", required: true, maxLength: 64, TransactionId(), "must be 1-64 characters of letters, digits, '-', '_' and '.'");
        var memberId = fields.String("memberId", required: true, maxLength: 32, MemberId.Pattern(), MemberId.Rule);
        var kind = fields.OneOf("kind", required: true, TransactionKinds.PublicKinds.ToArray());
        // A loan repayment names its loan and no savings account; a savings transaction names its account and no loan.
        var repayment = kind == TransactionKinds.LoanRepayment;
        var account = fields.OneOf("account", required: !repayment, TransactionKinds.SavingsAccounts.ToArray());
        var loanId = fields.String("loanId", required: repayment, maxLength: 64, LoanApplication.LoanIdPattern(), LoanApplication.IdRule);
        if (repayment && account is not null)
        {
            fields.Add("account", "is not used for a loan repayment (it goes to the loan named by loanId)");
        }
        if (kind is not null && !repayment && loanId is not null)
        {
            fields.Add("loanId", "is only used for a loan_repayment");
        }
        var amount = fields.Rupiah("amount", required: true, min: 1, max: MaxAmount);
        var occurredAt = fields.Instant("occurredAt", required: true);
        var reference = fields.String("reference", required: false, maxLength: MaxReference);
        var description = fields.String("description", required: false, maxLength: MaxDescription);
        if (id is not null && ReservedIds.IsReserved(id))
        {
            fields.Add("id", ReservedIds.Rule);
        }
        if (occurredAt is { } at && now is { } clock && at > clock + MaxAhead)
        {
            fields.Add("occurredAt", $"is more than a day in the future (now is {clock.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'}); check the date and year");
        }
        if (!fields.IsValid)
        {
            return (null, fields.Errors);
        }
        var request = new TransactionRequest(id!, memberId!, kind!, repayment ? ChartOfAccounts.PiutangPinjaman : account!, amount!.Value, occurredAt!.Value,
            string.IsNullOrEmpty(reference) ? null : reference, string.IsNullOrEmpty(description) ? null : description, repayment ? loanId : null);
        return (request, fields.Errors);
    }

    /// <summary>The id of an item that may otherwise be invalid, so a batch answer can name it.</summary>
    public static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex TransactionId();
}
