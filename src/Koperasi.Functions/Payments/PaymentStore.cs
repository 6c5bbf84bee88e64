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
/// cooperative's unmatched payments, and the payments whose refunds wait for their deposit to be posted.
/// </summary>
public sealed class PaymentStore(StorageAccount storage, TimeProvider time)
{
    private const int MaxAttempts = 50;

    /// <summary>
    /// Merges a notification into the payment: status only moves forward, the first report of money wins, new refund
    /// identities are added once. <paramref name="match"/> runs once, when the money is first reported.
    /// </summary>
    public async Task<PaymentState> RecordAsync(string cooperativeId, PaymentNotification n,
        Func<IReadOnlyList<string>, CancellationToken, Task<PaymentMatch?>> match, CancellationToken cancellationToken = default)
    {
        var key = PaymentKeys.Payment(n.Source, n.ProviderPaymentId);
        var partition = PaymentKeys.PaymentPartition(cooperativeId, key);
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (row, refunds) = await ReadAsync(table, partition, cancellationToken);
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
                payment["PaidAt"] = paid.PaidAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                if (await match(n.References, cancellationToken) is { } found)
                {
                    payment["MemberId"] = found.MemberId;
                    payment["Account"] = found.Account;
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
                    ["At"] = refund.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
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
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return ToState(cooperativeId, payment, refunds.Values);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another notification for this payment won the race: read again and merge on top of it.
            }
        }
    }

    public async Task<PaymentState?> FindAsync(string cooperativeId, string key, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var (row, refunds) = await ReadAsync(table, PaymentKeys.PaymentPartition(cooperativeId, key), cancellationToken);
        return row is null ? null : ToState(cooperativeId, row, refunds.Values);
    }

    /// <summary>Sets the member and account of a paid payment that has none; the same assignment again is a no-op.</summary>
    public async Task<(AssignOutcome Outcome, PaymentState? State)> AssignAsync(string cooperativeId, string key, PaymentMatch match, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var partition = PaymentKeys.PaymentPartition(cooperativeId, key);
        for (var attempt = 1; ; attempt++)
        {
            var (row, refunds) = await ReadAsync(table, partition, cancellationToken);
            var state = row is null ? null : ToState(cooperativeId, row, refunds.Values);
            if (state is null || !state.IsPaid)
            {
                return (AssignOutcome.NotFound, null);
            }
            if (state.IsMatched)
            {
                return (state.MemberId == match.MemberId && state.Account == match.Account ? AssignOutcome.AlreadyAssigned : AssignOutcome.AssignedElsewhere, state);
            }
            row!["MemberId"] = match.MemberId;
            row["Account"] = match.Account;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return (AssignOutcome.Assigned, state with { MemberId = match.MemberId, Account = match.Account });
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxAttempts)
            {
                // A notification changed the payment meanwhile: read again.
            }
        }
    }

    public async Task MarkQueuedAsync(string cooperativeId, string key, IEnumerable<RefundState> refunds, CancellationToken cancellationToken = default)
    {
        var partition = PaymentKeys.PaymentPartition(cooperativeId, key);
        var actions = refunds.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(partition, PaymentKeys.RefundRow(r.RefundId)) { ["Queued"] = true })).ToList();
        if (actions.Count > 0)
        {
            var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
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

    public async Task SetWaitingAsync(string cooperativeId, string key, bool waiting, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        if (waiting)
        {
            await table.UpsertEntityAsync(new TableEntity(PaymentKeys.WaitingPartition, PaymentKeys.WaitingRow(cooperativeId, key)), TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await DeleteIfExistsAsync(table, PaymentKeys.WaitingPartition, PaymentKeys.WaitingRow(cooperativeId, key), cancellationToken);
        }
    }

    public async IAsyncEnumerable<(string CooperativeId, string Key)> ListWaitingAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == PaymentKeys.WaitingPartition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var parts = e.RowKey.Split('|', 2);
            yield return (parts[0], parts[1]);
        }
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
        p.GetString("PaidAt") is { } paidAt ? DateTimeOffset.Parse(paidAt, System.Globalization.CultureInfo.InvariantCulture) : null,
        p.GetString("MemberId"),
        p.GetString("Account"),
        refunds.Select(r => new RefundState(r.GetString("RefundId"), r.GetInt64("Amount") ?? 0,
            DateTimeOffset.Parse(r.GetString("At"), System.Globalization.CultureInfo.InvariantCulture), r.GetString("PostingId"), r.GetBoolean("Queued") ?? false))
            .OrderBy(r => r.At).ThenBy(r => r.RefundId, StringComparer.Ordinal).ToList());
}
