using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// The cooperative's general journal (jurnal umum): entries an admin makes (expenses, other income, corrections),
/// their reversals, and the entries other features post (the year close, SHU allocations). Every entry is a posting
/// through <see cref="LedgerPosting"/> into the <see cref="LedgerKeys.GeneralJournal"/> partition, which no member
/// posting touches: journal, marker, rollups and the listing row change in one entity-group transaction. Idempotent
/// by id: the same content again answers the entry, other content under the id is a conflict.
/// </summary>
public sealed class GeneralJournal(StorageAccount storage, LedgerPosting posting, ChartOfAccountsStore charts, MemberStore members, TimeProvider time)
{
    /// <summary>A reversal's id: the original's and this suffix ('~' is in no id a caller can give, so it never clashes).</summary>
    public const string ReversalSuffix = "~reversal";

    public Task<JournalOutcome> PostAsync(string cooperativeId, GeneralJournalEntry entry, CancellationToken cancellationToken = default) =>
        PostAsync(cooperativeId, entry, null, cancellationToken);

    /// <summary>Posts the mirror of an entry once: a second call answers the reversal already posted.</summary>
    public async Task<JournalOutcome> ReverseAsync(string cooperativeId, string id, JournalReversalRequest request, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(cooperativeId, id, cancellationToken) is not { } original)
        {
            return JournalOutcome.Refused(NotFound(id));
        }
        if (original.Reverses is not null)
        {
            return JournalOutcome.Refused(ApiProblem.Conflict("cannot_reverse_reversal",
                $"'{id}' is the reversal of '{original.Reverses}'; post a new entry instead of reversing a reversal."));
        }
        if (original.Kind != TransactionKinds.Journal)
        {
            return JournalOutcome.Refused(ApiProblem.Conflict("cannot_reverse_year_close",
                $"'{id}' closes a year; a closed year's books stay closed. Correct it with an entry in the open year."));
        }
        var reversalId = id + ReversalSuffix;
        if (await FindAsync(cooperativeId, reversalId, cancellationToken) is { } done)
        {
            return new JournalOutcome(done, null);
        }
        var description = request.Description ?? "Pembalikan: " + original.Description;
        var entry = new GeneralJournalEntry(reversalId, request.OccurredAt ?? time.GetUtcNow(),
            description.Length > TransactionValidator.MaxDescription ? description[..TransactionValidator.MaxDescription] : description,
            original.Lines.Select(l => l with { Debit = l.Credit, Credit = l.Debit }).ToList());
        var outcome = await PostAsync(cooperativeId, entry, id, cancellationToken);
        // Another call reversed it meanwhile, with its own date or words: that reversal is the answer.
        return outcome.Problem?.Code == "journal_entry_conflict" && await FindAsync(cooperativeId, reversalId, cancellationToken) is { } theirs
            ? new JournalOutcome(theirs, null)
            : outcome;
    }

    /// <summary>The posted entry under the id (two point reads: its marker, then its listing row), or null.</summary>
    public async Task<PostedJournalEntry?> FindAsync(string cooperativeId, string id, CancellationToken cancellationToken = default)
    {
        // Only ids an entry can have reach storage (a key may not hold a backslash, '#', '?' or control characters).
        if (!TransactionValidator.TransactionId().IsMatch(id.EndsWith(ReversalSuffix, StringComparison.Ordinal) ? id[..^ReversalSuffix.Length] : id))
        {
            return null;
        }
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        if (await MarkerAsync(table, cooperativeId, id, cancellationToken) is not { } marker || GeneralJournalRows.KeyOf(marker) is not { } key)
        {
            return null;
        }
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cooperativeId), key, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? GeneralJournalRows.Read(row.Value) : null;
    }

    /// <summary>Entries by business date, then posting order: one contiguous RowKey range of the listing rows.</summary>
    public async Task<ListPage<PostedJournalEntry>> ListAsync(string cooperativeId, DateOnly? from, DateOnly? to, Paging paging, CancellationToken cancellationToken = default)
    {
        if (from > to)
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { ["to"] = ["must not be before from"] }));
        }
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var (low, high) = GeneralJournalRows.Range(from ?? DateOnly.MinValue, to ?? DateOnly.MaxValue);
        var filter = $"PartitionKey eq '{Quote(Partition(cooperativeId))}' and RowKey ge '{low}' and RowKey lt '{high}'";
        return await TablePages.ReadAsync(table.QueryAsync<TableEntity>(filter, paging.Limit, cancellationToken: cancellationToken), paging, GeneralJournalRows.Read);
    }

    public static ApiProblem NotFound(string id) => ApiProblem.NotFound("journal_entry_not_found", $"There is no journal entry '{id}'.");

    private async Task<JournalOutcome> PostAsync(string cooperativeId, GeneralJournalEntry entry, string? reverses, CancellationToken cancellationToken)
    {
        if (await CheckAsync(cooperativeId, entry, cancellationToken) is { } invalid)
        {
            return JournalOutcome.Refused(invalid);
        }
        var message = new TransactionMessage(cooperativeId, TransactionMessage.ApiSource, entry.Id, LedgerKeys.GeneralJournal, entry.Kind, "",
            entry.Lines.Sum(l => l.Debit), entry.OccurredAt, null, entry.Description, reverses, Lines: entry.Lines);
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        if (await MarkerAsync(table, cooperativeId, entry.Id, cancellationToken) is { } marker)
        {
            return PostingMarker.SameContent(marker, message)
                ? new JournalOutcome(await FindAsync(cooperativeId, entry.Id, cancellationToken), null)
                : JournalOutcome.Refused(Conflict(entry.Id));
        }
        var decision = await posting.PostJournalAsync(message, cancellationToken);
        return decision switch
        {
            { Result: PostingResult.Posted or PostingResult.AlreadyDone } => new JournalOutcome(
                await FindAsync(cooperativeId, entry.Id, cancellationToken), null, decision.Result == PostingResult.Posted),
            { Result: PostingResult.Conflict } => JournalOutcome.Refused(Conflict(entry.Id)),
            { Refusal: { } refusal } => JournalOutcome.Refused(ApiProblem.Conflict(refusal.Code, refusal.Message)),
            _ => throw new InvalidOperationException($"Journal entry '{entry.Id}' was neither posted nor refused."),
        };
    }

    /// <summary>What needs the cooperative's data: every account in its chart and not a member account, every member tag a member.</summary>
    private async Task<ApiProblem?> CheckAsync(string cooperativeId, GeneralJournalEntry entry, CancellationToken cancellationToken)
    {
        var chart = await charts.LoadAsync(cooperativeId, cancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (JournalRules.Unbalanced(entry.Lines) is { } why)
        {
            errors["lines"] = [why];
        }
        for (var i = 0; i < entry.Lines.Count; i++)
        {
            var line = entry.Lines[i];
            var at = $"lines[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (JournalRules.IsMemberMoney(line.Account))
            {
                errors[at + ".account"] = [$"'{line.Account}' holds members' money: it moves only through member postings (transactions, loans), never by a journal entry"];
            }
            else if (chart.Find(line.Account) is null)
            {
                errors[at + ".account"] = ["is not an account of this cooperative's chart (GET /api/accounts)"];
            }
            if (line.MemberId is { } memberId && !await members.ExistsAsync(cooperativeId, memberId, cancellationToken))
            {
                errors[at + ".memberId"] = ["is not a member of this cooperative"];
            }
        }
        return errors.Count == 0 ? null : ApiProblem.Validation("validation_failed", "The journal entry is not valid.", errors);
    }

    private static async Task<TableEntity?> MarkerAsync(TableClient table, string cooperativeId, string id, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(cooperativeId), LedgerKeys.Marker(id), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static ApiProblem Conflict(string id) =>
        ApiProblem.Conflict("journal_entry_conflict", $"Journal entry '{id}' exists with other content; an entry is never changed (reverse it and post a new one).");

    private static string Partition(string cooperativeId) => LedgerKeys.MemberPartition(cooperativeId, LedgerKeys.GeneralJournal);

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
