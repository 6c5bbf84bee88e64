using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Loans;

/// <summary>Loan products in the <c>loans</c> table, partition <c>{coop}|products</c>, row = product code.</summary>
public sealed class LoanProductStore(StorageAccount storage)
{
    public async Task<LoanProduct> PutAsync(string cooperativeId, LoanProduct product, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LoansTable, cancellationToken);
        await table.UpsertEntityAsync(ToEntity(cooperativeId, product), TableUpdateMode.Replace, cancellationToken);
        return product;
    }

    public async Task<LoanProduct?> FindAsync(string cooperativeId, string code, CancellationToken cancellationToken = default)
    {
        if (!LoanProductRequest.CodePattern().IsMatch(code))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.LoansTable, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(LoanKeys.ProductsPartition(cooperativeId), code, cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value is not null ? ToProduct(entity.Value) : null;
    }

    public async Task<ListPage<LoanProduct>> ListAsync(string cooperativeId, Paging paging, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LoansTable, cancellationToken);
        var partition = LoanKeys.ProductsPartition(cooperativeId);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, paging.Limit, cancellationToken: cancellationToken);
        return await TablePages.ReadAsync(query, paging, ToProduct);
    }

    private static TableEntity ToEntity(string cooperativeId, LoanProduct p) => new(LoanKeys.ProductsPartition(cooperativeId), p.Code)
    {
        ["Name"] = p.Name,
        ["InterestMethod"] = p.InterestMethod.ToString(),
        ["MonthlyRateBps"] = p.MonthlyRateBps,
        ["TermMonthsMin"] = p.TermMonthsMin,
        ["TermMonthsMax"] = p.TermMonthsMax,
        ["PrincipalMin"] = p.PrincipalMin,
        ["PrincipalMax"] = p.PrincipalMax,
        ["AdminFeeBps"] = p.AdminFeeBps,
        ["RoundTo"] = p.RoundTo,
        ["PenaltyBpsPerDay"] = p.PenaltyBpsPerDay,
        ["PenaltyGraceDays"] = p.PenaltyGraceDays,
        ["MaxActiveLoansPerMember"] = p.MaxActiveLoansPerMember,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    private static LoanProduct ToProduct(TableEntity e) => new(
        e.RowKey, e.GetString("Name"), Enum.Parse<InterestMethod>(e.GetString("InterestMethod")),
        e.GetInt32("MonthlyRateBps") ?? 0, e.GetInt32("TermMonthsMin") ?? 0, e.GetInt32("TermMonthsMax") ?? 0,
        e.GetInt64("PrincipalMin") ?? 0, e.GetInt64("PrincipalMax") ?? 0, e.GetInt32("AdminFeeBps") ?? 0, e.GetInt64("RoundTo") ?? 1,
        e.GetInt32("PenaltyBpsPerDay") ?? 0, e.GetInt32("PenaltyGraceDays") ?? 0, e.GetInt32("MaxActiveLoansPerMember") ?? 1,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
