using System.Text.Json;
using Azure.Data.Tables;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// A posted journal in the member's partition (<c>j|{sequence}</c>): its balanced lines, the member's account it
/// moved (a savings account, or <c>piutang_pinjaman</c> with the loan's id), and the dates. Append-only: never updated or deleted; a correction is a reversal journal.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    string TransactionId,
    string Kind,
    string Account,
    long Amount,
    DateOnly BusinessDate,
    DateTimeOffset OccurredAt,
    string? Reference,
    string? Description,
    string Source,
    IReadOnlyList<JournalLine> Lines,
    string? LoanId = null)
{
    /// <summary>The signed change to the member account the journal moved, in its normal direction (a deposit or a disbursement is positive).</summary>
    public long MemberChange => Lines.Where(l => l.Account == Account).Sum(MemberBalances.ChangeOf);

    public bool IsBalanced => Lines.Sum(l => l.Debit) == Lines.Sum(l => l.Credit) && Lines.All(l => l.Debit >= 0 && l.Credit >= 0);

    public static TableEntity Create(string partition, long sequence, TransactionMessage m, DateOnly businessDate, RuleOutcome outcome, DateTimeOffset now) =>
        new(partition, LedgerKeys.Journal(sequence))
        {
            ["TransactionId"] = m.Id,
            ["Kind"] = m.Kind,
            ["Account"] = outcome.Account,
            ["Amount"] = m.Amount,
            ["BusinessDate"] = LedgerKeys.Date(businessDate),
            ["OccurredAt"] = m.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["Reference"] = m.Reference,
            ["Description"] = m.Description,
            ["Source"] = m.Source,
            ["LoanId"] = m.LoanId,
            ["Lines"] = JsonSerializer.Serialize(outcome.Lines),
            ["PostedAt"] = now,
        };

    public static JournalEntry Read(TableEntity row) => new(
        long.Parse(row.RowKey[LedgerKeys.JournalPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture),
        row.GetString("TransactionId"),
        row.GetString("Kind"),
        row.GetString("Account"),
        row.GetInt64("Amount") ?? 0,
        LedgerKeys.ParseDate(row.GetString("BusinessDate")),
        DateTimeOffset.Parse(row.GetString("OccurredAt"), System.Globalization.CultureInfo.InvariantCulture),
        row.GetString("Reference"),
        row.GetString("Description"),
        row.GetString("Source"),
        JsonSerializer.Deserialize<List<JournalLine>>(row.GetString("Lines")) ?? [],
        row.GetString("LoanId"));
}
