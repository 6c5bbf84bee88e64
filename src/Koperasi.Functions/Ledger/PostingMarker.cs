using Azure.Data.Tables;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The idempotency marker <c>tx|{id}</c> in the member's partition: the content first posted under an id, its
/// outcome (posted with balances after, or rejected with the reason) and, for a deposit, how much has been reversed.
/// </summary>
public static class PostingMarker
{
    public const string Status = "Status";
    public const string ReversedAmount = "ReversedAmount";

    public const string PostedAccount = "PostedAccount";

    public static TableEntity Posted(string partition, TransactionMessage m, DateOnly businessDate, RuleOutcome outcome, long sequence, DateTimeOffset now)
    {
        var row = Base(partition, m, businessDate, outcome.After, now);
        row[Status] = TransactionStatus.Posted;
        row["Sequence"] = sequence;
        row[ReversedAmount] = 0L;
        row[PostedAccount] = outcome.Account;
        if (outcome.Adjustment is { } adjustment)
        {
            row["AdjustmentCode"] = adjustment.Code;
            row["AdjustmentMessage"] = adjustment.Message;
        }
        return row;
    }

    /// <summary>A posted marker whose posting did not go as asked, or a rejected one: both are listed for the treasurer.</summary>
    public static bool NeedsReview(TableEntity row) => row.GetString(Status) == TransactionStatus.Rejected || row.GetString("AdjustmentCode") is not null;

    public static TableEntity Rejected(string partition, TransactionMessage m, DateOnly businessDate, MemberBalances balances, Rejection rejection, DateTimeOffset now)
    {
        var row = Base(partition, m, businessDate, balances, now);
        row[Status] = TransactionStatus.Rejected;
        row["ReasonCode"] = rejection.Code;
        row["ReasonMessage"] = rejection.Message;
        return row;
    }

    public static bool SameContent(TableEntity row, TransactionMessage m) =>
        row.GetString("Kind") == m.Kind && row.GetString("Account") == m.Account && row.GetInt64("Amount") == m.Amount &&
        row.GetInt64("OccurredAtTicks") == m.OccurredAt.UtcTicks && (row.GetString("Reference") ?? "") == (m.Reference ?? "") &&
        (row.GetString("Description") ?? "") == (m.Description ?? "") && row.GetString("Source") == m.Source &&
        (row.GetString("Reverses") ?? "") == (m.Reverses ?? "") && (row.GetString("LoanId") ?? "") == (m.LoanId ?? "") &&
        (row.GetString("Lines") ?? "") == (LinesOf(m) ?? "");

    /// <summary>A general-journal posting's own lines, as its marker keeps them (null for every other posting).</summary>
    private static string? LinesOf(TransactionMessage m) => m.Lines is { } lines ? System.Text.Json.JsonSerializer.Serialize(lines) : null;

    public static ReversedPosting? AsReversed(TableEntity row) => row.GetString(Status) == TransactionStatus.Posted
        ? new ReversedPosting(row.RowKey[LedgerKeys.MarkerPrefix.Length..], row.GetString("Kind"), row.GetString("Account"),
            row.GetInt64("Amount") ?? 0, row.GetInt64(ReversedAmount) ?? 0, row.GetString(PostedAccount))
        : null;

    /// <summary>Sets how much of the original has been reversed, If-Match the ETag read with it.</summary>
    public static TableTransactionAction SetReversed(TableEntity original, long reversedAmount)
    {
        var row = new TableEntity(original.PartitionKey, original.RowKey) { [ReversedAmount] = reversedAmount };
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, original.ETag);
    }

    public static TransactionStatus ToStatus(TableEntity row, string memberId)
    {
        var posted = row.GetString(Status) == TransactionStatus.Posted;
        return new TransactionStatus(
            row.RowKey[LedgerKeys.MarkerPrefix.Length..],
            row.GetString(Status),
            memberId,
            row.GetString("Kind"),
            row.GetString("Account"),
            row.GetInt64("Amount") ?? 0,
            DateTimeOffset.Parse(row.GetString("OccurredAt"), System.Globalization.CultureInfo.InvariantCulture),
            row.GetString("BusinessDate"),
            posted ? BalanceRow.Read(row).ToMap() : null,
            posted ? null : new StatusReason(row.GetString("ReasonCode"), row.GetString("ReasonMessage")),
            row.GetString("AdjustmentCode") is { } code ? new StatusReason(code, row.GetString("AdjustmentMessage")) : null,
            posted ? row.GetString(PostedAccount) : null);
    }

    private static TableEntity Base(string partition, TransactionMessage m, DateOnly businessDate, MemberBalances balances, DateTimeOffset now) =>
        new(partition, LedgerKeys.Marker(m.Id))
        {
            ["Source"] = m.Source,
            ["Kind"] = m.Kind,
            ["Account"] = m.Account,
            ["Amount"] = m.Amount,
            ["OccurredAt"] = m.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["OccurredAtTicks"] = m.OccurredAt.UtcTicks,
            ["Reference"] = m.Reference,
            ["Description"] = m.Description,
            ["Reverses"] = m.Reverses,
            ["BusinessDate"] = LedgerKeys.Date(businessDate),
            [BalanceRow.Pokok] = balances.Pokok,
            [BalanceRow.Wajib] = balances.Wajib,
            [BalanceRow.Sukarela] = balances.Sukarela,
            [BalanceRow.PiutangPinjaman] = balances.PiutangPinjaman,
            ["LoanId"] = m.LoanId,
            ["Lines"] = LinesOf(m),
            ["RecordedAt"] = now,
        };
}
