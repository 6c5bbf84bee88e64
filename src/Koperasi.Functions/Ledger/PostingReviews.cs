using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The postings a treasurer must see, in one partition per cooperative (<c>{cooperativeId}|review</c>): every
/// rejected posting of any source, and every posting that went through adjusted (provider money booked elsewhere
/// than asked, a refund short of its amount). So no decision lives only in a member's marker. Written after the
/// member's transaction, only for those postings: rare, so the partition is not hot; rewritten on every redelivery
/// that finds such a marker, so a crash between the two writes loses nothing.
/// </summary>
public sealed class PostingReviews(StorageAccount storage)
{
    public static readonly IReadOnlyList<string> Statuses = [TransactionStatus.Rejected, TransactionStatus.Adjusted];

    public async Task RecordAsync(string cooperativeId, string memberId, TableEntity marker, CancellationToken cancellationToken = default)
    {
        var status = marker.GetString(PostingMarker.Status) == TransactionStatus.Rejected ? TransactionStatus.Rejected : TransactionStatus.Adjusted;
        var id = marker.RowKey[LedgerKeys.MarkerPrefix.Length..];
        var row = new TableEntity(LedgerKeys.ReviewPartition(cooperativeId), $"{status}|{marker.GetString("BusinessDate")}|{memberId}|{id}");
        foreach (var (key, value) in marker.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            row[key] = value;
        }
        row["MemberId"] = memberId;
        row["TransactionId"] = id;
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>One page of the postings with that status, by business date: one partition, one RowKey range.</summary>
    public async Task<ListPage<TransactionStatus>> ListAsync(string cooperativeId, string? status, Paging paging, CancellationToken cancellationToken = default)
    {
        if (status is null || !Statuses.Contains(status))
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { ["status"] = [$"must be one of: {string.Join(", ", Statuses)}"] }));
        }
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.ReviewPartition(cooperativeId);
        var query = table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(status + "|") > 0 && e.RowKey.CompareTo(status + "}") < 0, paging.Limit, cancellationToken: cancellationToken);
        return await TablePages.ReadAsync(query, paging, row =>
            PostingMarker.ToStatus(new TableEntity(row) { RowKey = LedgerKeys.Marker(row.GetString("TransactionId")) }, row.GetString("MemberId")));
    }
}
