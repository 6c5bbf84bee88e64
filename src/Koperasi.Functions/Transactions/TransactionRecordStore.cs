using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Transactions;

/// <summary>
/// The intake record of each accepted transaction id, in the <c>transactions</c> table with one partition per
/// transaction (<c>{cooperativeId}|{id}</c>): it answers "was this id seen, with what content?" at intake, and
/// which member's ledger partition to read for its status. No intake write funnels through a shared partition.
/// </summary>
public sealed class TransactionRecordStore(StorageAccount storage, TimeProvider time)
{
    public const string IntakeRow = "intake";

    public static string PartitionKey(string cooperativeId, string transactionId) => $"{cooperativeId}|{transactionId}";

    /// <summary>Inserts the record if the id is new; otherwise returns the content first recorded for it.</summary>
    public async Task<TransactionRecord?> AddOrGetAsync(string cooperativeId, string source, TransactionRequest request, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.TransactionsTable, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(cooperativeId, source, request), cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindAsync(cooperativeId, request.Id, cancellationToken);
        }
    }

    public async Task<TransactionRecord?> FindAsync(string cooperativeId, string transactionId, CancellationToken cancellationToken = default)
    {
        if (!TransactionValidator.TransactionId().IsMatch(transactionId))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.TransactionsTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(cooperativeId, transactionId), IntakeRow, cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value is not null ? ToRecord(entity.Value) : null;
    }

    /// <summary>Notes on the id's record the failure that poisoned its posting message; a record that does not exist is left alone.</summary>
    public async Task MarkFailedAsync(string cooperativeId, string transactionId, string failureId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.TransactionsTable, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(PartitionKey(cooperativeId, transactionId), IntakeRow) { ["FailureId"] = failureId },
                ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Never recorded at intake (a hand-made message): the failure list still shows it.
        }
    }

    private TableEntity ToEntity(string cooperativeId, string source, TransactionRequest r) => new(PartitionKey(cooperativeId, r.Id), IntakeRow)
    {
        ["CooperativeId"] = cooperativeId,
        ["Source"] = source,
        ["TransactionId"] = r.Id,
        ["MemberId"] = r.MemberId,
        ["Kind"] = r.Kind,
        ["Account"] = r.Account,
        ["Amount"] = r.Amount,
        ["OccurredAt"] = r.OccurredAt.ToString("O"),
        ["Reference"] = r.Reference,
        ["Description"] = r.Description,
        ["LoanId"] = r.LoanId,
        ["ReceivedAt"] = time.GetUtcNow(),
    };

    private static TransactionRecord ToRecord(TableEntity e) => new(
        e.GetString("CooperativeId"),
        e.GetString("Source"),
        new TransactionRequest(
            e.GetString("TransactionId"), e.GetString("MemberId"), e.GetString("Kind"), e.GetString("Account"),
            e.GetInt64("Amount") ?? 0, DateTimeOffset.Parse(e.GetString("OccurredAt"), System.Globalization.CultureInfo.InvariantCulture),
            e.GetString("Reference"), e.GetString("Description"), e.GetString("LoanId")),
        e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        e.GetString("FailureId"));
}
