using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Loans;

/// <summary>
/// Loans and members' open places in the member's <c>ledger</c> partition; id claims, the status index and products in the
/// <c>loans</c> table (layout: <see cref="LoanKeys"/>).
/// </summary>
public sealed class LoanStore(StorageAccount storage)
{
    /// <summary>The application first recorded under the id, or null when the id is new.</summary>
    public async Task<LoanApplication?> FindClaimAsync(string cooperativeId, string loanId, CancellationToken cancellationToken = default)
    {
        if (!LoanApplication.IsValidId(loanId))
        {
            return null;
        }
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(LoanKeys.IndexPartition(cooperativeId), LoanKeys.ClaimRow(loanId), cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value is not null ? ToApplication(loanId, entity.Value) : null;
    }

    /// <summary>Claims the id for the application (insert-if-absent); returns null when claimed now, else the application that holds it.</summary>
    public async Task<LoanApplication?> ClaimAsync(string cooperativeId, LoanApplication application, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(LoanKeys.IndexPartition(cooperativeId), LoanKeys.ClaimRow(application.Id))
            {
                ["MemberId"] = application.MemberId,
                ["ProductCode"] = application.ProductCode,
                ["Principal"] = application.Principal,
                ["TermMonths"] = application.TermMonths,
                ["FirstDueDate"] = Date(application.FirstDueDate),
                ["ClaimedAt"] = now,
            }, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindClaimAsync(cooperativeId, application.Id, cancellationToken);
        }
    }

    /// <summary>Frees an id whose application was refused before any loan was stored under it.</summary>
    public async Task ReleaseClaimAsync(string cooperativeId, string loanId, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        await DeleteIfExistsAsync(table, LoanKeys.IndexPartition(cooperativeId), LoanKeys.ClaimRow(loanId), cancellationToken);
    }

    /// <summary>
    /// The loan row and the member's open-loans row of the product (point reads of the member's ledger partition), and
    /// the status of every loan that row lists: a loan closed or written off by a posting leaves the row as it was (the
    /// posting does not touch it), so only the listed loans that are still open count (<see cref="LoanRows.OpenLoanIds"/>).
    /// </summary>
    public async Task<LoanRows> ReadAsync(string cooperativeId, string memberId, string loanId, string productCode, CancellationToken cancellationToken = default)
    {
        var table = await MemberTableAsync(cancellationToken);
        var partition = LoanKeys.MemberPartition(cooperativeId, memberId);
        var loanRead = table.GetEntityIfExistsAsync<TableEntity>(partition, LoanKeys.LoanRow(loanId), cancellationToken: cancellationToken);
        var openRead = table.GetEntityIfExistsAsync<TableEntity>(partition, LoanKeys.OpenRow(productCode), cancellationToken: cancellationToken);
        var (loanRow, openRow) = (ValueOf(await loanRead), ValueOf(await openRead));
        var listed = SplitIds(openRow?.GetString("LoanIds"));
        var others = await Task.WhenAll(listed.Where(id => id != loanId).Select(async id =>
            (Id: id, Row: ValueOf(await table.GetEntityIfExistsAsync<TableEntity>(partition, LoanKeys.LoanRow(id), cancellationToken: cancellationToken)))));
        var loan = loanRow is null ? null : LoanEntity.Read(loanRow);
        var open = listed.Where(id => id == loanId
            ? loan is not null && Loan.IsOpen(loan.Status)
            : others.First(o => o.Id == id).Row is { } row && Loan.IsOpen(LoanEntity.Read(row).Status)).ToList();
        return new LoanRows(loan, loanRow?.ETag, open, listed, openRow?.ETag);
    }

    /// <summary>
    /// Writes the loan and, when they change, the member's open loans of its product, in one entity-group transaction
    /// matching the ETags read: a concurrent writer makes it fail with 409/412 (for <see cref="ConcurrencyRetry"/>).
    /// </summary>
    public async Task WriteAsync(string cooperativeId, LoanRows read, Loan loan, IReadOnlyList<string> openLoanIds, CancellationToken cancellationToken = default)
    {
        var table = await MemberTableAsync(cancellationToken);
        var partition = LoanKeys.MemberPartition(cooperativeId, loan.MemberId);
        var actions = new List<TableTransactionAction>
        {
            read.LoanETag is { } loanETag
                ? new(TableTransactionActionType.UpdateReplace, LoanEntity.Write(partition, loan), loanETag)
                : new(TableTransactionActionType.Add, LoanEntity.Write(partition, loan)),
        };
        if (!openLoanIds.SequenceEqual(read.StoredOpenIds))
        {
            var open = new TableEntity(partition, LoanKeys.OpenRow(loan.Application.ProductCode)) { ["LoanIds"] = string.Join(',', openLoanIds) };
            actions.Add(read.OpenETag is { } openETag
                ? new(TableTransactionActionType.UpdateReplace, open, openETag)
                : new(TableTransactionActionType.Add, open));
        }
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>
    /// Brings the status index in step with the loan: its row for the current status, and none for the statuses it has
    /// left (a status change is forward only, so those are the statuses before it). Every step of the lifecycle calls
    /// this after its write, including a repeated call, so a crash between the two writes is mended by the retry.
    /// </summary>
    public async Task SyncIndexAsync(string cooperativeId, Loan loan, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var partition = LoanKeys.IndexPartition(cooperativeId);
        var summary = LoanSummary.Of(loan);
        await table.UpsertEntityAsync(new TableEntity(partition, LoanKeys.StatusRow(loan.Status, loan.Id))
        {
            ["LoanId"] = summary.Id,
            ["MemberId"] = summary.MemberId,
            ["ProductCode"] = summary.ProductCode,
            ["Status"] = loan.Status.ToString(),
            ["Principal"] = summary.Principal,
            ["TermMonths"] = summary.TermMonths,
            ["SubmittedAt"] = summary.SubmittedAt,
            ["UpdatedAt"] = summary.UpdatedAt,
        }, TableUpdateMode.Replace, cancellationToken);
        foreach (var earlier in StatusesBefore(loan.Status))
        {
            await DeleteIfExistsAsync(table, partition, LoanKeys.StatusRow(earlier, loan.Id), cancellationToken);
        }
    }

    /// <summary>The loan under the id, found through its claim (which names the member partition).</summary>
    public async Task<Loan?> FindAsync(string cooperativeId, string loanId, CancellationToken cancellationToken = default)
    {
        if (await FindClaimAsync(cooperativeId, loanId, cancellationToken) is not { } claim)
        {
            return null;
        }
        var table = await MemberTableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(LoanKeys.MemberPartition(cooperativeId, claim.MemberId), LoanKeys.LoanRow(loanId), cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value is not null ? LoanEntity.Read(entity.Value) : null;
    }

    public async Task<ListPage<LoanSummary>> ListForMemberAsync(string cooperativeId, string memberId, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await MemberTableAsync(cancellationToken);
        return await TablePages.ReadAsync(table.QueryAsync<TableEntity>(MemberLoansFilter(cooperativeId, memberId), paging.Limit, cancellationToken: cancellationToken),
            paging, e => LoanSummary.Of(LoanEntity.Read(e)));
    }

    /// <summary>Every loan of the member, whole: one query of the member partition's <c>loan|</c> RowKey range (all its pages), no lookup per loan.</summary>
    public async Task<IReadOnlyList<Loan>> AllForMemberAsync(string cooperativeId, string memberId, CancellationToken cancellationToken = default)
    {
        var table = await MemberTableAsync(cancellationToken);
        var loans = new List<Loan>();
        await foreach (var e in table.QueryAsync<TableEntity>(MemberLoansFilter(cooperativeId, memberId), cancellationToken: cancellationToken))
        {
            loans.Add(LoanEntity.Read(e));
        }
        return loans;
    }

    /// <summary>Every loan of one status: the index's RowKey range for the ids and members, then a point read of each loan (a report, not the request path of a posting).</summary>
    public async Task<IReadOnlyList<Loan>> AllWithStatusAsync(string cooperativeId, LoanStatus status, CancellationToken cancellationToken = default)
    {
        var index = await TableAsync(cancellationToken);
        var ledger = await MemberTableAsync(cancellationToken);
        var (from, to) = LoanKeys.StatusRange(status);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LoanKeys.IndexPartition(cooperativeId)} and RowKey ge {from} and RowKey lt {to}");
        var listed = new List<(string LoanId, string MemberId)>();
        await foreach (var e in index.QueryAsync<TableEntity>(filter, select: ["LoanId", "MemberId"], cancellationToken: cancellationToken))
        {
            listed.Add((e.GetString("LoanId"), e.GetString("MemberId")));
        }
        var found = new Loan?[listed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, listed.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var row = await ledger.GetEntityIfExistsAsync<TableEntity>(LoanKeys.MemberPartition(cooperativeId, listed[i].MemberId), LoanKeys.LoanRow(listed[i].LoanId), cancellationToken: ct);
            found[i] = row.HasValue && row.Value is not null ? LoanEntity.Read(row.Value) : null;
        });
        // The index follows the loan after its write, so a row may briefly name a loan that has moved on.
        return found.Where(l => l is not null && l.Status == status).Select(l => l!).ToList();
    }

    public async Task<ListPage<LoanSummary>> ListAsync(string cooperativeId, LoanStatus? status, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var (from, to) = LoanKeys.StatusRange(status);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LoanKeys.IndexPartition(cooperativeId)} and RowKey ge {from} and RowKey lt {to}");
        return await TablePages.ReadAsync(table.QueryAsync<TableEntity>(filter, paging.Limit, cancellationToken: cancellationToken), paging, e => new LoanSummary(
            e.GetString("LoanId"), e.GetString("MemberId"), e.GetString("ProductCode"), Enum.Parse<LoanStatus>(e.GetString("Status")),
            e.GetInt64("Principal") ?? 0, e.GetInt32("TermMonths") ?? 0,
            e.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue));
    }

    private static IEnumerable<LoanStatus> StatusesBefore(LoanStatus status) => status switch
    {
        LoanStatus.Submitted => [],
        LoanStatus.Approved => [LoanStatus.Submitted],
        LoanStatus.Rejected or LoanStatus.Active => [LoanStatus.Submitted, LoanStatus.Approved],
        _ => [LoanStatus.Submitted, LoanStatus.Approved, LoanStatus.Active],
    };

    private static string MemberLoansFilter(string cooperativeId, string memberId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {LoanKeys.MemberPartition(cooperativeId, memberId)} and RowKey ge {LoanKeys.LoanPrefix} and RowKey lt {LoanKeys.LoansEnd}");

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(StorageNames.LoansTable, cancellationToken);

    /// <summary>The loan and open-loans rows live in the member's ledger partition, beside the balances the posting writes with them.</summary>
    private Task<TableClient> MemberTableAsync(CancellationToken cancellationToken) => storage.TableAsync(StorageNames.LedgerTable, cancellationToken);

    private static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    private static TableEntity? ValueOf(NullableResponse<TableEntity> response) => response.HasValue ? response.Value : null;

    private static IReadOnlyList<string> SplitIds(string? ids) => string.IsNullOrEmpty(ids) ? [] : ids.Split(',');

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LoanApplication ToApplication(string loanId, TableEntity e) => new(loanId, e.GetString("MemberId"), e.GetString("ProductCode"),
        e.GetInt64("Principal") ?? 0, e.GetInt32("TermMonths") ?? 0, ParseDate(e.GetString("FirstDueDate")));
}
