using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Posts one transaction to the member's ledger partition exactly once in effect: read the partition (balances,
/// the id's marker, the rollups it touches), apply the savings rules, and write the marker, the journal, the new
/// balances and the rollups in one entity-group transaction with ETag (If-Match) conditions. A concurrent writer
/// makes the transaction fail with 409/412 and we read again; a crash anywhere leaves either nothing or everything,
/// and a redelivery finds the marker and changes nothing.
/// </summary>
public sealed partial class LedgerPosting(
    StorageAccount storage, CooperativeStore cooperatives, MemberStore members, FailureStore failures,
    IPostingFaults faults, TimeProvider time, ILogger<LedgerPosting> logger)
{
    private const int MaxAttempts = 200;

    public async Task<PostingResult> PostAsync(TransactionMessage message, CancellationToken cancellationToken = default)
    {
        var cooperative = await cooperatives.FindAsync(message.CooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{message.CooperativeId}' does not exist.");
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var result = await TryPostAsync(table, cooperative, message, cancellationToken);
            if (result is { } done)
            {
                return done;
            }
            LogContention(logger, message.Id, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + Math.Min(attempt, 20) * 10)), time, cancellationToken);
        }
        throw new InvalidOperationException($"Posting '{message.Id}' lost the race {MaxAttempts} times; it will be retried from the queue.");
    }

    /// <summary>One optimistic attempt; null means a concurrent write won and the caller should read again.</summary>
    private async Task<PostingResult?> TryPostAsync(TableClient table, Cooperative cooperative, TransactionMessage m, CancellationToken cancellationToken)
    {
        var partition = LedgerKeys.MemberPartition(m.CooperativeId, m.MemberId);
        var businessDate = BusinessCalendar.BusinessDate(m.OccurredAt, cooperative);
        await faults.AtAsync(PostingStep.BeforeRead, m.Id);
        var rows = await ReadAsync(table, partition, m, businessDate, cancellationToken);
        await faults.AtAsync(PostingStep.AfterRead, m.Id);

        if (rows.TryGetValue(LedgerKeys.Marker(m.Id), out var marker))
        {
            if (PostingMarker.SameContent(marker, m))
            {
                return PostingResult.AlreadyDone;
            }
            await failures.RecordConflictAsync(m, marker.GetString(PostingMarker.Status), cancellationToken);
            return PostingResult.Conflict;
        }

        rows.TryGetValue(LedgerKeys.BalanceRow, out var balanceRow);
        if (balanceRow is null && !await members.ExistsAsync(m.CooperativeId, m.MemberId, cancellationToken))
        {
            return await CommitAsync(table, m.Id, [new TableTransactionAction(TableTransactionActionType.Add,
                PostingMarker.Rejected(partition, m, businessDate, MemberBalances.Zero, Rejection.UnknownMember(m.MemberId), time.GetUtcNow()))], PostingResult.Rejected, cancellationToken);
        }

        var before = balanceRow is null ? MemberBalances.Zero : BalanceRow.Read(balanceRow);
        ReversedPosting? reversed = null;
        if (m.Reverses is { } reversesId && rows.TryGetValue(LedgerKeys.Marker(reversesId), out var original))
        {
            reversed = PostingMarker.AsReversed(original);
        }
        var outcome = SavingsRules.Apply(m, cooperative, before, balanceRow is not null && BalanceRow.PokokPaid(balanceRow), reversed);
        var now = time.GetUtcNow();
        if (outcome.Rejection is { } rejection)
        {
            return await CommitAsync(table, m.Id, [new TableTransactionAction(TableTransactionActionType.Add,
                PostingMarker.Rejected(partition, m, businessDate, before, rejection, now))], PostingResult.Rejected, cancellationToken);
        }

        var sequence = (balanceRow?.GetInt64(BalanceRow.Sequence) ?? 0) + 1;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, PostingMarker.Posted(partition, m, businessDate, outcome.After, sequence, now)),
            new(TableTransactionActionType.Add, JournalEntry.Create(partition, sequence, m, businessDate, outcome, now)),
            BalanceRow.Write(partition, balanceRow, outcome.After, sequence),
            Rollup.Add(partition, LedgerKeys.Month(businessDate), rows.GetValueOrDefault(LedgerKeys.Month(businessDate)), outcome.Lines),
            Rollup.Add(partition, LedgerKeys.Day(businessDate), rows.GetValueOrDefault(LedgerKeys.Day(businessDate)), outcome.Lines),
        };
        if (reversed is not null)
        {
            actions.Add(PostingMarker.AddReversed(rows[LedgerKeys.Marker(reversed.Id)], m.Amount));
        }
        return await CommitAsync(table, m.Id, actions, PostingResult.Posted, cancellationToken);
    }

    private async Task<PostingResult?> CommitAsync(TableClient table, string transactionId, IReadOnlyList<TableTransactionAction> actions, PostingResult result, CancellationToken cancellationToken)
    {
        await faults.AtAsync(PostingStep.BeforeCommit, transactionId);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
        await faults.AtAsync(PostingStep.AfterCommit, transactionId);
        return result;
    }

    /// <summary>One query for every row the posting may touch: balances, the id's marker, the reversed marker and the two rollups.</summary>
    private static async Task<Dictionary<string, TableEntity>> ReadAsync(TableClient table, string partition, TransactionMessage m, DateOnly businessDate, CancellationToken cancellationToken)
    {
        var rowKeys = new List<string> { LedgerKeys.BalanceRow, LedgerKeys.Marker(m.Id), LedgerKeys.Month(businessDate), LedgerKeys.Day(businessDate) };
        if (m.Reverses is { } reverses)
        {
            rowKeys.Add(LedgerKeys.Marker(reverses));
        }
        var filter = $"PartitionKey eq '{Quote(partition)}' and ({string.Join(" or ", rowKeys.Select(k => $"RowKey eq '{Quote(k)}'"))})";
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }
        return rows;
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Posting {TransactionId} met a concurrent write (attempt {Attempt}); reading again")]
    private static partial void LogContention(ILogger logger, string transactionId, int attempt);
}
