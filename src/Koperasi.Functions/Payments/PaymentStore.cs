using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Webhooks;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Provider payments in the <c>payments</c> table, one partition per payment (<c>{cooperativeId}|pay|{key}</c>): the
/// payment row and one row per refund change together in one entity-group transaction with ETag conditions, so two
/// notifications for one payment arriving at once cannot lose each other. Also keeps two small indexes: the
/// cooperative's unmatched payments, and the platform's pending payments (those that may have postings left to queue).
/// </summary>
/// <remarks>
/// The pending index and the payment live in different partitions, so no write covers both; the protocol that keeps
/// every recorded change findable (see docs/webhooks.md): a writer reads the payment, marks it pending, then writes it
/// If-Match what it read; an application that has queued everything unmarks it, then writes the payment If-Match the
/// version it acted on (<see cref="FinishAsync"/>). Whichever of a concurrent write and that fence comes second fails:
/// a failed write is retried from the read (and marks again), a failed fence marks again.
/// </remarks>
public sealed class PaymentStore(StorageAccount storage, ConcurrencyRetry retry, TimeProvider time)
{
    /// <summary>
    /// Merges a notification into the payment: status only moves forward, the first report of money wins, new refund
    /// identities are added once. <paramref name="match"/> runs when the money is first reported.
    /// </summary>
    public async Task<PaymentState> RecordAsync(string cooperativeId, PaymentNotification n,
        Func<IReadOnlyList<string>, CancellationToken, Task<PaymentMatch?>> match, CancellationToken cancellationToken = default)
    {
        var key = PaymentKeys.Payment(n.Source, n.ProviderPaymentId);
        var partition = PaymentKeys.PaymentPartition(cooperativeId, key);
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        return await retry.ExecuteAsync(async ct =>
        {
            var (row, refunds) = await ReadAsync(table, partition, ct);
            var isNew = row is null;
            var payment = row ?? new TableEntity(partition, PaymentKeys.PaymentRow)
            {
                ["Source"] = n.Source,
                ["ProviderPaymentId"] = n.ProviderPaymentId,
                ["Status"] = n.Status,
                ["Rank"] = -1,
                ["ReceivedAt"] = time.GetUtcNow(),
            };
            var changed = isNew;
            if (n.Rank > (payment.GetInt32("Rank") ?? -1))
            {
                payment["Status"] = n.Status;
                payment["Rank"] = n.Rank;
                changed = true;
            }
            if (payment.GetString("Reference") is null && n.References.Count > 0)
            {
                payment["Reference"] = n.References[0];
                changed = true;
            }
            if (payment.GetInt64("Amount") is null && n.Paid is { } paid)
            {
                payment["Amount"] = paid.Amount;
                payment["PaidAt"] = paid.PaidAt.ToString("O", CultureInfo.InvariantCulture);
                if (await match(n.References, ct) is { } found)
                {
                    payment["MemberId"] = found.MemberId;
                    payment["Account"] = found.Account;
                    payment["LoanId"] = found.LoanId;
                }
                changed = true;
            }
            var actions = new List<TableTransactionAction>();
            foreach (var refund in n.Refunds.DistinctBy(r => r.RefundId).Where(r => !refunds.ContainsKey(PaymentKeys.RefundRow(r.RefundId))))
            {
                var refundRow = new TableEntity(partition, PaymentKeys.RefundRow(refund.RefundId))
                {
                    ["RefundId"] = refund.RefundId,
                    ["Amount"] = refund.Amount,
                    ["At"] = refund.At.ToString("O", CultureInfo.InvariantCulture),
                    ["PostingId"] = PaymentKeys.ReversalId(n.Source, key, refund.RefundId),
                    ["Queued"] = false,
                };
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, refundRow));
                refunds[refundRow.RowKey] = refundRow;
            }
            if (!changed && actions.Count == 0)
            {
                return ToState(cooperativeId, payment, refunds.Values);
            }
            actions.Insert(0, isNew
                ? new TableTransactionAction(TableTransactionActionType.Add, payment)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, payment, payment.ETag));
            // Marked after the read and before the conditional write: see the remarks on the class.
            await MarkPendingAsync(table, cooperativeId, key, ct);
            var response = await table.SubmitTransactionAsync(actions, ct);
            payment.ETag = await WrittenETagAsync(table, partition, response.Value, ct);
            return ToState(cooperativeId, payment, refunds.Values);
        }, cancellationToken);
    }

    public async Task<PaymentState?> FindAsync(string cooperativeId, string key, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var (row, refunds) = await ReadAsync(table, PaymentKeys.PaymentPartition(cooperativeId, key), cancellationToken);
        return row is null ? null : ToState(cooperativeId, row, refunds.Values);
    }

    /// <summary>
    /// Every recorded payment of the cooperative with its paid amount and refunds: an admin scan over all of the
    /// cooperative's payment partitions (a range of partition keys), for the ledger check, never for a request path.
    /// </summary>
    public async IAsyncEnumerable<PaymentState> ListAllAsync(string cooperativeId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var (from, to) = PaymentKeys.PaymentPartitions(cooperativeId);
        string? partition = null;
        TableEntity? payment = null;
        var refunds = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            if (row.PartitionKey != partition)
            {
                if (payment is not null)
                {
                    yield return ToState(cooperativeId, payment, refunds);
                }
                (partition, payment) = (row.PartitionKey, null);
                refunds.Clear();
            }
            if (row.RowKey == PaymentKeys.PaymentRow)
            {
                payment = row;
            }
            else if (row.RowKey.StartsWith(PaymentKeys.RefundRowPrefix, StringComparison.Ordinal))
            {
                refunds.Add(row);
            }
        }
        if (payment is not null)
        {
            yield return ToState(cooperativeId, payment, refunds);
        }
    }

    /// <summary>Sets the member and account of a paid payment that has none; the same assignment again is a no-op.</summary>
    public async Task<(AssignOutcome Outcome, PaymentState? State)> AssignAsync(string cooperativeId, string key, PaymentMatch match, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var partition = PaymentKeys.PaymentPartition(cooperativeId, key);
        return await retry.ExecuteAsync<(AssignOutcome, PaymentState?)>(async ct =>
        {
            var (row, refunds) = await ReadAsync(table, partition, ct);
            var state = row is null ? null : ToState(cooperativeId, row, refunds.Values);
            if (state is null || !state.IsPaid)
            {
                return (AssignOutcome.NotFound, null);
            }
            if (state.IsMatched)
            {
                return (state.MemberId == match.MemberId && state.Account == match.Account && state.LoanId == match.LoanId ? AssignOutcome.AlreadyAssigned : AssignOutcome.AssignedElsewhere, state);
            }
            row!["MemberId"] = match.MemberId;
            row["Account"] = match.Account;
            row["LoanId"] = match.LoanId;
            row["AssignedAt"] = time.GetUtcNow();
            await MarkPendingAsync(table, cooperativeId, key, ct);
            var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
            row.ETag = response.Headers.ETag ?? default;
            return (AssignOutcome.Assigned, ToState(cooperativeId, row, refunds.Values));
        }, cancellationToken);
    }

    /// <summary>
    /// Ends an application that queued every posting of <paramref name="state"/>: unmarks the payment as pending and
    /// notes the queued refunds, in one write If-Match the version the application acted on. False when the payment
    /// changed meanwhile: then it is marked pending again, and the sweep applies the newer state.
    /// </summary>
    public async Task<bool> FinishAsync(PaymentState state, IEnumerable<RefundState> queuedRefunds, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        if (state.Version == default)
        {
            // Not read from storage: nothing to fence with, so the sweep finishes it.
            await MarkPendingAsync(table, state.CooperativeId, state.Key, cancellationToken);
            return false;
        }
        await DeleteIfExistsAsync(table, PaymentKeys.PendingPartition, PaymentKeys.PendingRow(state.CooperativeId, state.Key), cancellationToken);
        var partition = PaymentKeys.PaymentPartition(state.CooperativeId, state.Key);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, PaymentKeys.PaymentRow) { ["AppliedAt"] = time.GetUtcNow() },
                state.Version),
        };
        actions.AddRange(queuedRefunds.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(partition, PaymentKeys.RefundRow(r.RefundId)) { ["Queued"] = true })));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (ConcurrencyRetry.IsConcurrencyConflict(e) || e.Status == 404)
        {
            await MarkPendingAsync(table, state.CooperativeId, state.Key, cancellationToken);
            return false;
        }
    }

    /// <summary>Keeps the payment in the pending index, for the sweep: its application is not finished (refunds wait for the deposit).</summary>
    public async Task KeepPendingAsync(PaymentState state, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await MarkPendingAsync(table, state.CooperativeId, state.Key, cancellationToken);
    }

    /// <summary>
    /// Notes where the confirmation of a money-moving notification stands (<c>waiting</c>, <c>retrying</c>, <c>confirmed</c>,
    /// <c>not_confirmed</c>), in the payment's partition; it never moves money, the provider's answer does.
    /// </summary>
    public async Task NoteConfirmationAsync(string cooperativeId, string key, string state, string claimedStatus, string detail, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(PaymentKeys.PaymentPartition(cooperativeId, key), PaymentKeys.ConfirmationRow)
        {
            ["State"] = state,
            ["ClaimedStatus"] = claimedStatus,
            ["Detail"] = detail.Length <= 1024 ? detail : detail[..1024],
            ["At"] = time.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task AddUnmatchedAsync(PaymentState state, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(PaymentKeys.UnmatchedPartition(state.CooperativeId), state.Key)
        {
            ["Source"] = state.Source,
            ["ProviderPaymentId"] = state.ProviderPaymentId,
            ["Reference"] = state.Reference,
            ["Amount"] = state.Amount,
            ["PaidAt"] = state.PaidAt,
            ["Status"] = state.Status,
            ["ReceivedAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveUnmatchedAsync(string cooperativeId, string key, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await DeleteIfExistsAsync(table, PaymentKeys.UnmatchedPartition(cooperativeId), key, cancellationToken);
    }

    public async Task<ListPage<UnmatchedPayment>> ListUnmatchedAsync(string cooperativeId, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var partition = PaymentKeys.UnmatchedPartition(cooperativeId);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, paging.Limit, cancellationToken: cancellationToken);
        return await TablePages.ReadAsync(query, paging, e => new UnmatchedPayment(e.RowKey, e.GetString("Source"), e.GetString("ProviderPaymentId"),
            e.GetString("Reference"), e.GetInt64("Amount") ?? 0, e.GetDateTimeOffset("PaidAt") ?? DateTimeOffset.MinValue, e.GetString("Status"),
            e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue));
    }

    /// <summary>The pending index, with when each row was last marked; rows of the legacy refunds-waiting index are moved into it first.</summary>
    public async IAsyncEnumerable<(string CooperativeId, string Key, DateTimeOffset MarkedAt)> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await foreach (var legacy in table.QueryAsync<TableEntity>(e => e.PartitionKey == PaymentKeys.LegacyWaitingPartition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await table.UpsertEntityAsync(new TableEntity(PaymentKeys.PendingPartition, legacy.RowKey), TableUpdateMode.Replace, cancellationToken);
            await DeleteIfExistsAsync(table, PaymentKeys.LegacyWaitingPartition, legacy.RowKey, cancellationToken);
        }
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == PaymentKeys.PendingPartition, select: ["RowKey", "Timestamp"], cancellationToken: cancellationToken))
        {
            var parts = e.RowKey.Split('|', 2);
            yield return (parts[0], parts[1], e.Timestamp ?? DateTimeOffset.MinValue);
        }
    }

    /// <summary>Drops a pending row whose payment was never written (its webhook failed before the write, so the provider sends it again).</summary>
    public async Task ForgetPendingAsync(string cooperativeId, string key, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await DeleteIfExistsAsync(table, PaymentKeys.PendingPartition, PaymentKeys.PendingRow(cooperativeId, key), cancellationToken);
    }

    private static Task MarkPendingAsync(TableClient table, string cooperativeId, string key, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(PaymentKeys.PendingPartition, PaymentKeys.PendingRow(cooperativeId, key)), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The payment row's new ETag from the transaction's answer (its first action), or read back when the answer lacks it.</summary>
    private static async Task<ETag> WrittenETagAsync(TableClient table, string partition, IReadOnlyList<Response> responses, CancellationToken cancellationToken)
    {
        if (responses.Count > 0 && responses[0].Headers.ETag is { } etag)
        {
            return etag;
        }
        var row = await table.GetEntityAsync<TableEntity>(partition, PaymentKeys.PaymentRow, select: ["RowKey"], cancellationToken: cancellationToken);
        return row.Value.ETag;
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: the outcome we wanted.
        }
    }

    private static async Task<(TableEntity? Payment, Dictionary<string, TableEntity> Refunds)> ReadAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        TableEntity? payment = null;
        var refunds = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.RowKey == PaymentKeys.PaymentRow)
            {
                payment = row;
            }
            else if (row.RowKey.StartsWith(PaymentKeys.RefundRowPrefix, StringComparison.Ordinal))
            {
                refunds[row.RowKey] = row;
            }
        }
        return (payment, refunds);
    }

    private static PaymentState ToState(string cooperativeId, TableEntity p, IEnumerable<TableEntity> refunds) => new(
        cooperativeId,
        p.PartitionKey[(p.PartitionKey.LastIndexOf('|') + 1)..],
        p.GetString("Source"),
        p.GetString("ProviderPaymentId"),
        p.GetString("Status"),
        p.GetInt32("Rank") ?? 0,
        p.GetString("Reference"),
        p.GetInt64("Amount"),
        p.GetString("PaidAt") is { } paidAt ? DateTimeOffset.Parse(paidAt, CultureInfo.InvariantCulture) : null,
        p.GetString("MemberId"),
        p.GetString("Account"),
        refunds.Select(r => new RefundState(r.GetString("RefundId"), r.GetInt64("Amount") ?? 0,
            DateTimeOffset.Parse(r.GetString("At"), CultureInfo.InvariantCulture), r.GetString("PostingId"), r.GetBoolean("Queued") ?? false))
            .OrderBy(r => r.At).ThenBy(r => r.RefundId, StringComparer.Ordinal).ToList())
    {
        Version = p.ETag,
        AssignedAt = p.GetDateTimeOffset("AssignedAt"),
        LoanId = p.GetString("LoanId"),
    };
}
