using System.Globalization;
using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// Reads the body of <c>POST /api/journal-entries</c> (<c>{id, occurredAt, description, lines: [{account, debit?,
/// credit?, memberId?}]}</c>) and checks what needs no storage: the shape, each line one positive side, the balance.
/// Every problem is reported by field (<c>lines[1].credit</c>); the chart and the members are checked by <see cref="GeneralJournal"/>.
/// </summary>
public static class JournalEntryRequest
{
    public const string IdRule = "must be 1-64 characters of letters, digits, '-', '_' and '.'";

    public static GeneralJournalEntry Read(JsonElement body, DateTimeOffset now)
    {
        var fields = new JsonFields(body, "id", "occurredAt", "description", "lines");
        var id = fields.String("id", required: true, maxLength: 64, TransactionValidator.TransactionId(), IdRule);
        var occurredAt = fields.Instant("occurredAt", required: true);
        if (occurredAt is { } at && at > now + TransactionValidator.MaxAhead)
        {
            fields.Add("occurredAt", "is more than a day in the future; check the date and year");
        }
        var description = fields.String("description", required: true, maxLength: TransactionValidator.MaxDescription);
        if (description is not null && description.Trim().Length == 0)
        {
            fields.Add("description", "must not be blank");
        }
        var lines = ReadLines(body, fields);
        fields.ThrowIfInvalid();
        return new GeneralJournalEntry(id!, occurredAt!.Value, description!.Trim(), lines);
    }

    private static List<JournalLine> ReadLines(JsonElement body, JsonFields fields)
    {
        var lines = new List<JournalLine>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("lines", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            fields.Add("lines", "is required");
            return lines;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            fields.Add("lines", "must be an array of lines");
            return lines;
        }
        if (array.GetArrayLength() is < JournalRules.MinLines or > JournalRules.MaxLines)
        {
            fields.Add("lines", $"must have {JournalRules.MinLines} to {JournalRules.MaxLines} lines");
            return lines;
        }
        var valid = true;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"lines[{index.ToString(CultureInfo.InvariantCulture)}]";
            var line = new JsonFields(item, "account", "debit", "credit", "memberId");
            var account = line.String("account", required: true, maxLength: 64);
            var debit = line.Rupiah("debit", required: false, min: 0, max: TransactionValidator.MaxAmount) ?? 0;
            var credit = line.Rupiah("credit", required: false, min: 0, max: TransactionValidator.MaxAmount) ?? 0;
            var memberId = line.String("memberId", required: false, maxLength: 32, MemberId.Pattern(), MemberId.Rule);
            if (line.IsValid && (debit > 0) == (credit > 0))
            {
                line.Add("debit", "give either a positive debit or a positive credit, not both and not neither");
            }
            foreach (var (field, messages) in line.Errors)
            {
                foreach (var message in messages)
                {
                    fields.Add(field == "$" ? at : $"{at}.{field}", message);
                }
            }
            valid &= line.IsValid;
            lines.Add(new JournalLine(account ?? "", debit, credit, memberId));
            index++;
        }
        if (valid && JournalRules.Unbalanced(lines) is { } why)
        {
            fields.Add("lines", why);
        }
        return lines;
    }
}
