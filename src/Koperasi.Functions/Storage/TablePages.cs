using System.Buffers.Text;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Storage;

/// <summary>
/// Reads one page of a table query as an API list page, following the caller's continuation token. The token given out
/// is Table Storage's (next partition key, space, next row key) in base64url, so a token we did not give out is found
/// malformed here, or refused by storage, and answered 400 either way. A well-formed invented token cannot reach past
/// the query's own filter, which names the caller's partition.
/// </summary>
public static class TablePages
{
    private const int MaxKeyLength = 1024;

    public static async Task<ListPage<T>> ReadAsync<T>(AsyncPageable<TableEntity> query, Paging paging, Func<TableEntity, T> map)
    {
        var token = Decode(paging.ContinuationToken);
        try
        {
            await foreach (var page in query.AsPages(token, paging.Limit))
            {
                return new ListPage<T>(page.Values.Select(map).ToList(), Encode(page.ContinuationToken));
            }
        }
        catch (RequestFailedException e) when (token is not null && e.Status == 400)
        {
            throw Paging.InvalidToken();
        }
        return new ListPage<T>([], null);
    }

    private static string? Encode(string? storageToken) =>
        storageToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));

    private static string? Decode(string? token)
    {
        if (token is null)
        {
            return null;
        }
        if (!Base64Url.IsValid(token))
        {
            throw Paging.InvalidToken();
        }
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var keys = text.Split(' ');
        if (keys.Length is < 1 or > 2 || keys.Any(k => k.Length is 0 or > MaxKeyLength || !k.All(c => c is > ' ' and <= '~')))
        {
            throw Paging.InvalidToken();
        }
        return text;
    }
}
