using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Loans;

/// <summary>Loans, their id claims, members' open places and the status index in the <c>loans</c> table (layout: <see cref="LoanKeys"/>).</summary>
public sealed class LoanStore(StorageAccount storage)
{
    private static readonly JsonSerializerOptions ScheduleJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

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

    /// <summary>The loan row and the member's open-loans row of the product, in one query of the member's partition.</summary>
    public async Task<LoanRows> ReadAsync(string cooperativeId, string memberId, string loanId, string productCode, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var partition = LoanKeys.MemberPartition(cooperativeId, memberId);
        var (loanRow, openRow) = (LoanKeys.LoanRow(loanId), LoanKeys.OpenRow(productCode));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {loanRow} or RowKey eq {openRow})");
        Loan? loan = null;
        ETag? loanETag = null, openETag = null;
        IReadOnlyList<string> open = [];
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey == loanRow)
            {
                (loan, loanETag) = (ToLoan(e), e.ETag);
            }
            else
            {
                (open, openETag) = (SplitIds(e.GetString("LoanIds")), e.ETag);
            }
        }
        return new LoanRows(loan, loanETag, open, openETag);
    }

    /// <summary>
    /// Writes the loan and, when they change, the member's open loans of its product, in one entity-group transaction
    /// matching the ETags read: a concurrent writer makes it fail with 409/412 (for <see cref="ConcurrencyRetry"/>).
    /// </summary>
    public async Task WriteAsync(string cooperativeId, LoanRows read, Loan loan, IReadOnlyList<string> openLoanIds, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var partition = LoanKeys.MemberPartition(cooperativeId, loan.MemberId);
        var actions = new List<TableTransactionAction>
        {
            read.LoanETag is { } loanETag
                ? new(TableTransactionActionType.UpdateReplace, ToEntity(partition, loan), loanETag)
                : new(TableTransactionActionType.Add, ToEntity(partition, loan)),
        };
        if (!openLoanIds.SequenceEqual(read.OpenLoanIds))
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
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(LoanKeys.MemberPartition(cooperativeId, claim.MemberId), LoanKeys.LoanRow(loanId), cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value is not null ? ToLoan(entity.Value) : null;
    }

    public async Task<ListPage<LoanSummary>> ListForMemberAsync(string cooperativeId, string memberId, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken);
        var partition = LoanKeys.MemberPartition(cooperativeId, memberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {LoanKeys.LoanPrefix} and RowKey lt {"loan}"}");
        return await TablePages.ReadAsync(table.QueryAsync<TableEntity>(filter, paging.Limit, cancellationToken: cancellationToken), paging, e => LoanSummary.Of(ToLoan(e)));
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

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(StorageNames.LoansTable, cancellationToken);

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

    private static IReadOnlyList<string> SplitIds(string? ids) => string.IsNullOrEmpty(ids) ? [] : ids.Split(',');

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LoanApplication ToApplication(string loanId, TableEntity e) => new(loanId, e.GetString("MemberId"), e.GetString("ProductCode"),
        e.GetInt64("Principal") ?? 0, e.GetInt32("TermMonths") ?? 0, ParseDate(e.GetString("FirstDueDate")));

    private static TableEntity ToEntity(string partition, Loan loan) => new(partition, LoanKeys.LoanRow(loan.Id))
    {
        ["MemberId"] = loan.MemberId,
        ["ProductCode"] = loan.Application.ProductCode,
        ["Principal"] = loan.Application.Principal,
        ["TermMonths"] = loan.Application.TermMonths,
        ["FirstDueDate"] = Date(loan.Application.FirstDueDate),
        ["ProductName"] = loan.Terms.ProductName,
        ["InterestMethod"] = loan.Terms.InterestMethod.ToString(),
        ["MonthlyRateBps"] = loan.Terms.MonthlyRateBps,
        ["AdminFeeBps"] = loan.Terms.AdminFeeBps,
        ["RoundTo"] = loan.Terms.RoundTo,
        ["PenaltyBpsPerDay"] = loan.Terms.PenaltyBpsPerDay,
        ["PenaltyGraceDays"] = loan.Terms.PenaltyGraceDays,
        ["AdminFee"] = loan.AdminFee,
        ["Status"] = loan.Status.ToString(),
        ["Schedule"] = JsonSerializer.Serialize(loan.Schedule, ScheduleJson),
        ["SubmittedAt"] = loan.SubmittedAt,
        ["SubmittedBy"] = loan.SubmittedBy,
        ["UpdatedAt"] = loan.UpdatedAt,
        ["ApprovedAt"] = loan.ApprovedAt,
        ["ApprovedBy"] = loan.ApprovedBy,
        ["RejectedAt"] = loan.RejectedAt,
        ["RejectedBy"] = loan.RejectedBy,
        ["RejectionReason"] = loan.RejectionReason,
        ["DisbursedOn"] = Date(loan.DisbursedOn),
        ["DisbursedAt"] = loan.DisbursedAt,
    };

    private static Loan ToLoan(TableEntity e) => new(
        ToApplication(e.RowKey[LoanKeys.LoanPrefix.Length..], e),
        new LoanTerms(e.GetString("ProductName"), Enum.Parse<InterestMethod>(e.GetString("InterestMethod")), e.GetInt32("MonthlyRateBps") ?? 0,
            e.GetInt32("AdminFeeBps") ?? 0, e.GetInt64("RoundTo") ?? 1, e.GetInt32("PenaltyBpsPerDay") ?? 0, e.GetInt32("PenaltyGraceDays") ?? 0),
        e.GetInt64("AdminFee") ?? 0,
        Enum.Parse<LoanStatus>(e.GetString("Status")),
        JsonSerializer.Deserialize<List<LoanInstallment>>(e.GetString("Schedule"), ScheduleJson) ?? [],
        e.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue,
        e.GetString("SubmittedBy"),
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
    {
        ApprovedAt = e.GetDateTimeOffset("ApprovedAt"),
        ApprovedBy = e.GetString("ApprovedBy"),
        RejectedAt = e.GetDateTimeOffset("RejectedAt"),
        RejectedBy = e.GetString("RejectedBy"),
        RejectionReason = e.GetString("RejectionReason"),
        DisbursedOn = ParseDate(e.GetString("DisbursedOn")),
        DisbursedAt = e.GetDateTimeOffset("DisbursedAt"),
    };
}
