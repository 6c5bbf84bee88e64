using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Storage;

/// <summary>Reads one page of a table query as an API list page, following the caller's continuation token.</summary>
public static class TablePages
{
    public static async Task<ListPage<T>> ReadAsync<T>(AsyncPageable<TableEntity> query, Paging paging, Func<TableEntity, T> map)
    {
        await foreach (var page in query.AsPages(paging.ContinuationToken, paging.Limit))
        {
            return new ListPage<T>(page.Values.Select(map).ToList(), page.ContinuationToken);
        }
        return new ListPage<T>([], null);
    }
}
