using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Posts a member's posting group to the member's ledger partition exactly once in effect, in the order of its
/// items: read the partition (balances, the items' markers, the rollups they touch, the loans they name), apply the
/// savings and loan rules item by item in memory (<see cref="PostingPass"/>), and write the markers, journals, the new
/// balances, the rollups and the loans
/// in one entity-group transaction with ETag (If-Match) conditions; a group larger than one transaction takes
/// several passes, each a transaction of its own. A concurrent writer makes the transaction fail with 409/412 and
/// the pass runs again from a fresh read (<see cref="ConcurrencyRetry"/>); a crash anywhere leaves whole passes or
/// nothing, and a redelivery finds the markers of what was done and changes nothing there.
/// </summary>
public sealed class LedgerPosting(
    StorageAccount storage, CooperativeStore cooperatives, MemberStore members, FailureStore failures, PostingReviews reviews,
    LoanStore loans, ConcurrencyRetry retry, ShardFolds folds, IPostingFaults faults, TimeProvider time)
{
    public async Task<PostingResult> PostAsync(TransactionMessage message, CancellationToken cancellationToken = default) =>
        (await PostAsync(PostingGroup.Of(message), cancellationToken))[0];

    public async Task<IReadOnlyList<PostingResult>> PostAsync(PostingGroup group, CancellationToken cancellationToken = default) =>
        (await DecideAsync(group, cancellationToken)).Select(d => d.Result).ToList();

    /// <summary>
    /// Posts one of the loan lifecycle's own postings (a disbursement, a write-off) at once and says how it went: a
    /// refusal comes back with its reason and leaves no marker, so the step can be asked again once the reason is gone.
    /// </summary>
    public async Task<PostingDecision> PostLifecycleAsync(TransactionMessage message, CancellationToken cancellationToken = default)
    {
        if (!TransactionKinds.IsLifecycleKind(message.Kind))
        {
            throw new ArgumentException($"'{message.Kind}' is not a loan lifecycle posting.", nameof(message));
        }
        return (await DecideAsync(PostingGroup.Of(message), cancellationToken))[0];
    }

    /// <summary>
    /// Posts one of the cooperative's own journals (Books/: a general-journal entry, the year close) at once in the
    /// <see cref="LedgerKeys.GeneralJournal"/> partition; like a lifecycle step, a refusal keeps no marker.
    /// </summary>
    public async Task<PostingDecision> PostJournalAsync(TransactionMessage message, CancellationToken cancellationToken = default)
    {
        if (!TransactionKinds.IsBooksKind(message.Kind) || message.MemberId != LedgerKeys.GeneralJournal)
        {
            throw new ArgumentException($"'{message.Kind}' for '{message.MemberId}' is not a general-journal posting.", nameof(message));
        }
        return (await DecideAsync(PostingGroup.Of(message), cancellationToken))[0];
    }

    private async Task<IReadOnlyList<PostingDecision>> DecideAsync(PostingGroup group, CancellationToken cancellationToken)
    {
        var cooperative = await cooperatives.FindAsync(group.CooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{group.CooperativeId}' does not exist.");
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var results = new PostingDecision?[group.Items.Count];
        // Optimistic: the first pass does not read the items' markers, whose Add in the transaction fails with 409 when
        // the id was decided before (a redelivery); after any failed transaction the passes read them.
        var readMarkers = new StrongBox<bool>(false);
        while (Array.IndexOf(results, null) >= 0)
        {
            var decided = await retry.ExecuteAsync(ct => PassAsync(table, cooperative, group, results, readMarkers, ct), cancellationToken);
            foreach (var (index, result) in decided)
            {
                results[index] ??= result;
            }
        }
        return results.Select(r => r!).ToList();
    }

    /// <summary>One optimistic pass over the items not yet decided: what it decided, by item index, once its transaction is committed.</summary>
    private async ValueTask<IReadOnlyDictionary<int, PostingDecision>> PassAsync(
        TableClient table, Cooperative cooperative, PostingGroup group, PostingDecision?[] results, StrongBox<bool> readMarkers, CancellationToken cancellationToken)
    {
        var partition = LedgerKeys.MemberPartition(group.CooperativeId, group.MemberId);
        var pending = Enumerable.Range(0, results.Length).Where(i => results[i] is null).Select(i => (Index: i, Message: group.Items[i])).ToList();
        await AtAsync(PostingStep.BeforeRead, pending.Select(p => p.Message), cancellationToken);
        var rows = await ReadAsync(table, partition, cooperative, group, pending.Select(p => p.Message).ToList(), readMarkers.Value, cancellationToken);
        await AtAsync(PostingStep.AfterRead, pending.Select(p => p.Message), cancellationToken);
        if (group.After is { } after && !rows.ContainsKey(LedgerKeys.Marker(after)))
        {
            throw new InvalidOperationException($"Part of a batch waits for '{after}', the last item of the part before it; the queue will retry.");
        }

        var balanceRow = rows.GetValueOrDefault(LedgerKeys.BalanceRow);
        // A partition that only ever held money for no member (dana titipan) asks the directory again: the member may exist by now.
        var memberKnown = balanceRow is not null && BalanceRow.IsMember(balanceRow) ||
            group.MemberId != LedgerKeys.Unidentified && await members.ExistsAsync(group.CooperativeId, group.MemberId, cancellationToken);
        var pass = new PostingPass(partition, cooperative, balanceRow, rows, memberKnown, time.GetUtcNow());
        var decided = new Dictionary<int, PostingDecision>();
        var toReview = new List<TableEntity>();
        var loansToIndex = new List<Loan>();
        foreach (var (index, m) in pending)
        {
            if (pass.MarkerOf(m.Id) is { } marker)
            {
                decided[index] = new(await DecideExistingAsync(marker, m, rows.ContainsKey(marker.RowKey) ? toReview : null, cancellationToken), null, null);
                // A redelivery: the index may not have followed the loan before the last attempt died.
                if (m.LoanId is { } loanId && rows.ContainsKey(marker.RowKey) && pass.LoanOf(loanId) is { } loan)
                {
                    loansToIndex.Add(loan);
                }
                continue;
            }
            if (pass.TryApply(m) is not { } outcome)
            {
                break;
            }
            decided[index] = new(outcome.Rejection is null ? PostingResult.Posted : PostingResult.Rejected, outcome.Rejection, outcome.Loan);
            if (pass.MarkerOf(m.Id) is { } written && PostingMarker.NeedsReview(written))
            {
                toReview.Add(written);
            }
        }

        var actions = pass.Actions();
        var decidedItems = pending.Where(p => decided.ContainsKey(p.Index)).Select(p => p.Message).ToList();
        if (actions.Count > 0)
        {
            await AtAsync(PostingStep.BeforeCommit, decidedItems, cancellationToken);
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (RequestFailedException e) when (ConcurrencyRetry.IsConcurrencyConflict(e))
            {
                readMarkers.Value = true;
                throw;
            }
            await AtAsync(PostingStep.AfterCommit, decidedItems, cancellationToken);
        }
        // A lifecycle step's refusal writes nothing, so no ETag guards it, and the parallel point reads may straddle a
        // concurrent commit of the same step (its loan row read after that commit, its marker before): refuse only if
        // the step's marker is still absent, else read again and find the step done.
        foreach (var (index, m) in pending)
        {
            if (decided.GetValueOrDefault(index) is { Refusal: not null } && TransactionKinds.IsLifecycleKind(m.Kind) &&
                (await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Marker(m.Id), cancellationToken: cancellationToken)).HasValue)
            {
                readMarkers.Value = true;
                throw new RequestFailedException(412, "A lifecycle step was refused while a concurrent call committed it; the partition is read again.");
            }
        }
        // Outside the member's transaction (another partition), so written after it; a redelivery writes it again.
        foreach (var marker in toReview)
        {
            await reviews.RecordAsync(group.CooperativeId, group.MemberId, marker, cancellationToken);
        }
        // The loans' status index is in the loans table: it follows the commit (a loan closed or written off leaves the active list).
        foreach (var loan in pass.LoansWithNewStatus().Concat(loansToIndex).DistinctBy(l => l.Id))
        {
            await loans.SyncIndexAsync(group.CooperativeId, loan, cancellationToken);
        }
        await FoldAsync(table, group, balanceRow, actions, cancellationToken);
        return decided;
    }

    /// <summary>
    /// The cooperative's trial balance follows the member's commit in the member's shard (another partition, so after
    /// it): this pass's journals, and any earlier one a crash between commit and fold left out, which a redelivery or
    /// the member's next posting folds here.
    /// </summary>
    private async Task FoldAsync(TableClient table, PostingGroup group, TableEntity? balanceRow, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var journals = actions.Select(a => a.Entity).OfType<TableEntity>()
            .Where(e => e.RowKey.StartsWith(LedgerKeys.JournalPrefix, StringComparison.Ordinal)).Select(JournalEntry.Read).ToList();
        var sequence = journals.Count > 0 ? journals.Max(j => j.Sequence) : balanceRow?.GetInt64(BalanceRow.Sequence) ?? 0;
        await folds.FoldAsync(table, group.CooperativeId, group.MemberId, sequence, journals, cancellationToken);
    }

    /// <summary>An id already decided; a stored marker that needs review is listed again (its first listing may have died with the host).</summary>
    private async Task<PostingResult> DecideExistingAsync(TableEntity marker, TransactionMessage m, List<TableEntity>? toReview, CancellationToken cancellationToken)
    {
        // A loan is disbursed or written off once, whoever asked and with what date: the step is done, not a conflict.
        if (TransactionKinds.IsLifecycleKind(m.Kind))
        {
            return PostingResult.AlreadyDone;
        }
        if (!PostingMarker.SameContent(marker, m))
        {
            await failures.RecordConflictAsync(m, marker.GetString(PostingMarker.Status), cancellationToken);
            return PostingResult.Conflict;
        }
        if (PostingMarker.NeedsReview(marker))
        {
            toReview?.Add(marker);
        }
        return PostingResult.AlreadyDone;
    }

    /// <summary>
    /// Every row the pass may touch: the balances, each item's marker when <paramref name="readMarkers"/> (a lifecycle
    /// posting's always: a refusal writes none to conflict on), the markers reversals refer to, the loans named, all
    /// point reads in parallel; then the month and day rollups of each item's business date, which the balances row
    /// answers for a date on or after the member's latest (<see cref="RollupHead"/>) and point reads fetch for a
    /// backdated one; and, for a debit dated before the member's latest journal, every later day row (one RowKey range).
    /// </summary>
    private static async Task<Dictionary<string, TableEntity>> ReadAsync(
        TableClient table, string partition, Cooperative cooperative, PostingGroup group, IReadOnlyList<TransactionMessage> items, bool readMarkers, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { LedgerKeys.BalanceRow };
        foreach (var m in items)
        {
            if (readMarkers || TransactionKinds.IsLifecycleKind(m.Kind))
            {
                keys.Add(LedgerKeys.Marker(m.Id));
            }
            if (m.Reverses is { } reverses)
            {
                keys.Add(LedgerKeys.Marker(reverses));
            }
            if (m.LoanId is { } loanId)
            {
                keys.Add(LoanKeys.LoanRow(loanId));
            }
        }
        if (group.After is { } after)
        {
            keys.Add(LedgerKeys.Marker(after));
        }
        var rows = await PointReadAsync(table, partition, keys, cancellationToken);

        // The rollups of each item's business date (which depends on the closing the balances row records): known from
        // the balances row when dated on or after the member's latest journal, else read; after a failed transaction, read.
        var balanceRow = rows.GetValueOrDefault(LedgerKeys.BalanceRow);
        var closed = BalanceRow.ClosedThrough(cooperative, balanceRow);
        var toRead = new List<string>();
        foreach (var key in RollupKeys(items, cooperative, closed))
        {
            var (how, copy) = readMarkers ? (RollupHead.Known.Unknown, null) : RollupHead.Resolve(balanceRow, partition, key);
            if (how == RollupHead.Known.Copied)
            {
                rows[key] = copy!;
            }
            else if (how == RollupHead.Known.Unknown)
            {
                toRead.Add(key);
            }
        }
        foreach (var (key, row) in await PointReadAsync(table, partition, toRead, cancellationToken))
        {
            rows[key] = row;
        }
        if (items.Any(m => m.Kind == TransactionKinds.MemberExit))
        {
            // A member's exit settles every loan of the member: one RowKey range of the partition, read with the rest.
            var filter = $"PartitionKey eq '{Quote(partition)}' and RowKey ge '{LoanKeys.LoanPrefix}' and RowKey lt '{LoanKeys.LoansEnd}'";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows[row.RowKey] = row;
            }
        }
        var debits = items.Where(m => m.Kind is TransactionKinds.Withdrawal or TransactionKinds.Reversal).ToList();
        if (debits.Count > 0 && debits.Min(m => BusinessCalendar.BusinessDate(m.OccurredAt, cooperative, closed)) is var earliest &&
            BalanceRow.MayHaveJournalsAfter(balanceRow, earliest))
        {
            var filter = $"PartitionKey eq '{Quote(partition)}' and RowKey gt '{LedgerKeys.Day(earliest)}' and RowKey lt '{LedgerKeys.DaysEnd}'";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows[row.RowKey] = row;
            }
        }
        return rows;
    }

    private static IEnumerable<string> RollupKeys(IEnumerable<TransactionMessage> items, Cooperative cooperative, DateOnly? closedThrough) =>
        items.Select(m => BusinessCalendar.BusinessDate(m, cooperative, closedThrough)).Distinct()
            .SelectMany(d => new[] { LedgerKeys.Month(d), LedgerKeys.Day(d) });

    /// <summary>
    /// One point read per key, all at once: each costs one entity whatever the partition holds (an <c>or</c> over
    /// RowKeys in one query is a partition scan in Azure, whose cost grows with the member's history).
    /// </summary>
    private static async Task<Dictionary<string, TableEntity>> PointReadAsync(TableClient table, string partition, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var reads = keys.Select(async key =>
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            return found.HasValue ? found.Value : null;
        });
        return (await Task.WhenAll(reads)).OfType<TableEntity>().ToDictionary(r => r.RowKey, StringComparer.Ordinal);
    }

    private async Task AtAsync(PostingStep step, IEnumerable<TransactionMessage> items, CancellationToken cancellationToken)
    {
        foreach (var m in items)
        {
            await faults.AtAsync(step, m.Id, cancellationToken);
        }
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
