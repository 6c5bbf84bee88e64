using System.Text;
using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Takes an uploaded file: reads it, checks every row, and either answers what it found (a dry run, or a file with
/// bad rows unless <c>skipInvalid</c>) or records the import and fans its rows out over the <c>imports</c> queue, a
/// few dozen rows per message, so thousands of members never wait on one HTTP request.
/// </summary>
public sealed class ImportIntake(StorageAccount storage, CooperativeStore cooperatives, MemberStore members, LoanProductStore products, ImportStore imports, TimeProvider time)
{
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxRows = 20_000;
    /// <summary>
    /// Rows per queue message at most (a message must finish well within its visibility lease, or another instance
    /// receives it too and both contend for the same partitions), and their JSON under this size (64 KiB after base64).
    /// </summary>
    private const int RowsPerChunk = 25;
    private const int ChunkBytes = 40_000;

    public async Task<(ImportAnswer Answer, bool Refused)> StartAsync(string cooperativeId, string kind, string? contentType, byte[] body,
        bool dryRun, bool skipInvalid, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        if (!ImportKinds.Importable.Contains(kind))
        {
            throw new ApiProblemException(ApiProblem.NotFound("import_kind_not_found",
                $"There is no import '{kind}'; the imports are {string.Join(", ", ImportKinds.Importable)}."));
        }
        var cooperative = (await cooperatives.FindAsync(cooperativeId, cancellationToken))!;
        var cutOver = ImportKinds.TakesCutOver(kind) ? CheckCutOver(cooperative, kind, asOf) : (DateOnly?)null;
        var sheet = UploadedSheet.Read(contentType, body);
        if (sheet.Rows.Count > MaxRows)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("too_many_rows", $"The file has {sheet.Rows.Count} rows; import at most {MaxRows} at a time."));
        }
        var check = kind switch
        {
            ImportKinds.Members => MemberRowCheck.Check(sheet, await ExistingMembersAsync(cooperativeId, cancellationToken), cooperative),
            ImportKinds.OpeningBalances => OpeningBalanceRowCheck.Check(sheet, (await ExistingMembersAsync(cooperativeId, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal)),
            _ => LoanRowCheck.Check(sheet, (await ExistingMembersAsync(cooperativeId, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal),
                await ProductsAsync(cooperativeId, cancellationToken), cutOver!.Value),
        };
        var asOfText = cutOver is { } c ? LedgerKeys.Date(c) : null;
        if (dryRun || (check.Errors.Count > 0 && !skipInvalid))
        {
            return (new ImportAnswer(null, kind, dryRun, dryRun ? "checked" : "refused", asOfText, check.Rows, check.Accepted.Count, check.Unchanged, check.InvalidRows, check.Errors),
                !dryRun);
        }
        var id = ImportIds.New();
        var chunks = Chunks(cooperativeId, id, kind, cutOver, check.Accepted);
        await imports.CreateAsync(cooperativeId, id, kind, cutOver, check, check.InvalidRows, chunks.Select(m => m.Rows.Count).ToList(), cancellationToken);
        var queue = await storage.QueueAsync(StorageNames.ImportsQueue, cancellationToken);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (m, ct) =>
            await queue.SendMessageAsync(JsonSerializer.Serialize(m, ApiJson.Options), visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), ct));
        return (new ImportAnswer(id, kind, false, chunks.Count == 0 ? "completed" : "queued", asOfText, check.Rows, check.Accepted.Count, check.Unchanged,
            check.InvalidRows, check.Errors), false);
    }

    /// <summary>
    /// The cut-over date: required, not after today, and in an open month (a closed month's statements are sent,
    /// and a posting into it would land on the open period's first day instead, so the trial balance at the cut-over
    /// date would not show it).
    /// </summary>
    private DateOnly CheckCutOver(Cooperative cooperative, string kind, DateOnly? asOf)
    {
        string? problem = asOf is not { } date ? $"is required for {(kind == ImportKinds.Loans ? "running loans" : "opening balances")}: the cut-over date, such as 2026-09-30"
            : date > BusinessCalendar.Today(time, cooperative) ? "must not be after today"
            : cooperative.ClosedThrough is { } closed && new DateOnly(date.Year, date.Month, 1) <= closed
                ? $"is in a month whose statements are already sent (closed through {closed:yyyy-MM}); choose a date after it"
                : null;
        return problem is null ? asOf!.Value : throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
            new Dictionary<string, string[]> { ["asOf"] = [problem] }));
    }

    private async Task<IReadOnlyDictionary<string, Member>> ExistingMembersAsync(string cooperativeId, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, Member>(StringComparer.Ordinal);
        await foreach (var m in members.ListAllAsync(cooperativeId, cancellationToken))
        {
            existing[m.Id] = m;
        }
        return existing;
    }

    /// <summary>The cooperative's loan products: one partition, a few rows.</summary>
    private async Task<IReadOnlyDictionary<string, LoanProduct>> ProductsAsync(string cooperativeId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LoanProduct>(StringComparer.Ordinal);
        for (var paging = new Paging(Paging.MaxLimit, null); ;)
        {
            var page = await products.ListAsync(cooperativeId, paging, cancellationToken);
            foreach (var product in page.Items)
            {
                found[product.Code] = product;
            }
            if (page.ContinuationToken is not { } token)
            {
                return found;
            }
            paging = new Paging(Paging.MaxLimit, token);
        }
    }

    private static List<ImportChunkMessage> Chunks(string cooperativeId, string importId, string kind, DateOnly? asOf, IReadOnlyList<ImportRow> rows)
    {
        var chunks = new List<ImportChunkMessage>();
        var current = new List<ImportRow>();
        var size = 0;
        foreach (var row in rows)
        {
            var rowSize = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(row, ApiJson.Options)) + 1;
            if (current.Count == RowsPerChunk || current.Count > 0 && size + rowSize > ChunkBytes)
            {
                chunks.Add(new ImportChunkMessage(cooperativeId, importId, chunks.Count, kind, asOf, current));
                current = [];
                size = 0;
            }
            current.Add(row);
            size += rowSize;
        }
        if (current.Count > 0)
        {
            chunks.Add(new ImportChunkMessage(cooperativeId, importId, chunks.Count, kind, asOf, current));
        }
        return chunks;
    }
}
