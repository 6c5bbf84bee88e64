using System.Collections.Concurrent;
using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Does one chunk of an import: adds its members, or posts its opening balances or brings in its running loans
/// (<see cref="LoanOpenings"/>) through the ledger's own posting
/// (<see cref="LedgerPosting"/>: rules, markers, one entity-group transaction per member), then records the chunk
/// done once. At-least-once delivery is safe: a done chunk is skipped, and every row is idempotent on its own.
/// </summary>
public sealed partial class ImportChunks(
    ImportStore imports, MemberStore members, LedgerPosting posting, LedgerReader ledger, CooperativeStore cooperatives, LoanProductStore products,
    LoanOpenings openings, ILogger<ImportChunks> logger)
{
    private const int RowsAtOnce = 8;

    public async Task ProcessAsync(string body, long dequeueCount, int maxDequeueCount, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Deserialize<ImportChunkMessage>(body, ApiJson.Options) ?? throw new JsonException("The import message is null.");
        var pending = await imports.PendingChunkAsync(message.CooperativeId, message.ImportId, message.Chunk, cancellationToken);
        if (pending is null)
        {
            return;
        }
        try
        {
            var result = message.Kind switch
            {
                ImportKinds.Members => await AddMembersAsync(message, cancellationToken),
                ImportKinds.OpeningBalances => await PostOpeningBalancesAsync(message, cancellationToken),
                _ => await OpenLoansAsync(message, cancellationToken),
            };
            await imports.CompleteChunkAsync(pending, result, cancellationToken);
            LogChunkDone(logger, message.CooperativeId, message.ImportId, message.Chunk, result.Imported, result.Unchanged, result.Refused.Count);
        }
        catch (Exception e) when (dequeueCount >= maxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            await imports.FailChunkAsync(pending, e.Message, cancellationToken);
            throw;
        }
    }

    private async Task<ImportChunkResult> AddMembersAsync(ImportChunkMessage message, CancellationToken cancellationToken)
    {
        var imported = 0;
        var refused = new ConcurrentBag<ImportRowError>();
        await Parallel.ForEachAsync(message.Rows, new ParallelOptions { MaxDegreeOfParallelism = RowsAtOnce, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var details = new MemberDetails(row.Name!, row.Email, row.Phone, row.JoinedAt);
            if (await members.AddAsync(message.CooperativeId, row.MemberId, details, ct) is not null ||
                await members.FindAsync(message.CooperativeId, row.MemberId, ct) is { } found && MemberRowCheck.SameDetails(found, details))
            {
                // Added now, or by an earlier delivery of this message.
                Interlocked.Increment(ref imported);
                return;
            }
            refused.Add(new ImportRowError(row.Row, ImportTemplates.MemberNumber, $"member '{row.MemberId}' was added with other details after the file was checked"));
        });
        return new ImportChunkResult(imported, 0, refused.OrderBy(e => e.Row).ToList());
    }

    private async Task<ImportChunkResult> PostOpeningBalancesAsync(ImportChunkMessage message, CancellationToken cancellationToken)
    {
        var cooperative = await cooperatives.FindAsync(message.CooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{message.CooperativeId}' does not exist.");
        var asOf = message.AsOf ?? throw new JsonException("An opening-balances chunk carries its cut-over date.");
        var occurredAt = MemberRowCheck.StartOfDay(asOf, cooperative);
        int imported = 0, unchanged = 0;
        var refused = new ConcurrentBag<ImportRowError>();
        await Parallel.ForEachAsync(message.Rows, new ParallelOptions { MaxDegreeOfParallelism = RowsAtOnce, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            // A member imported before one journal per member has per-account markers: post it that way again, so those decide.
            var group = await PostedPerAccountAsync(message.CooperativeId, row.MemberId, ct)
                ? OpeningBalancePostings.PerAccount(message.CooperativeId, row, occurredAt, asOf)
                : OpeningBalancePostings.For(message.CooperativeId, row, occurredAt, asOf);
            var results = await posting.PostAsync(group, ct);
            var problems = new List<ImportRowError>();
            for (var i = 0; i < results.Count; i++)
            {
                problems.AddRange(await ProblemsAsync(message.CooperativeId, row, group.Items[i], results[i], asOf, ct));
            }
            problems.ForEach(refused.Add);
            if (problems.Count == 0)
            {
                Interlocked.Increment(ref results.All(r => r == PostingResult.AlreadyDone) ? ref unchanged : ref imported);
            }
        });
        return new ImportChunkResult(imported, unchanged, refused.OrderBy(e => e.Row).ToList());
    }

    private async Task<ImportChunkResult> OpenLoansAsync(ImportChunkMessage message, CancellationToken cancellationToken)
    {
        var cooperative = await cooperatives.FindAsync(message.CooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{message.CooperativeId}' does not exist.");
        var asOf = message.AsOf ?? throw new JsonException("A loans chunk carries its cut-over date.");
        var occurredAt = MemberRowCheck.StartOfDay(asOf, cooperative);
        var byCode = new Dictionary<string, LoanProduct?>(StringComparer.Ordinal);
        foreach (var code in message.Rows.Select(r => r.Loan!.ProductCode).Distinct(StringComparer.Ordinal))
        {
            byCode[code] = await products.FindAsync(message.CooperativeId, code, cancellationToken);
        }
        int imported = 0, unchanged = 0;
        var refused = new ConcurrentBag<ImportRowError>();
        await Parallel.ForEachAsync(message.Rows, new ParallelOptions { MaxDegreeOfParallelism = RowsAtOnce, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var loan = row.Loan!;
            if (byCode[loan.ProductCode] is not { } product)
            {
                refused.Add(new ImportRowError(row.Row, ImportTemplates.ProductCode, $"loan product '{loan.ProductCode}' was removed after the file was checked"));
                return;
            }
            var outcome = await openings.OpenAsync(message.CooperativeId, row.MemberId, loan, product, asOf, occurredAt, $"import:{message.ImportId}", ct);
            if (outcome.Refusal is { } reason)
            {
                refused.Add(new ImportRowError(row.Row, ImportTemplates.LoanNumber, reason));
                return;
            }
            Interlocked.Increment(ref outcome.Opened ? ref imported : ref unchanged);
        });
        return new ImportChunkResult(imported, unchanged, refused.OrderBy(e => e.Row).ToList());
    }

    private async Task<bool> PostedPerAccountAsync(string cooperativeId, string memberId, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(TransactionKinds.SavingsAccounts.Select(a =>
            ledger.FindStatusAsync(cooperativeId, memberId, OpeningBalancePostings.PerAccountId(memberId, a), cancellationToken)));
        return found.Any(s => s is not null);
    }

    /// <summary>Why the ledger did not take a member's opening balances as the file says, per column; none when it did (now or before).</summary>
    private async Task<IReadOnlyList<ImportRowError>> ProblemsAsync(
        string cooperativeId, ImportRow row, TransactionMessage item, PostingResult result, DateOnly asOf, CancellationToken cancellationToken)
    {
        var parts = item.Parts ?? new Dictionary<string, long> { [item.Account] = item.Amount };
        if (result == PostingResult.Conflict)
        {
            return await ConflictsAsync(cooperativeId, row, item, parts, asOf, cancellationToken);
        }
        // Only pokok can be refused for a known member (paid once); a re-sent pokok may be one refused before.
        if (result == PostingResult.Rejected || result == PostingResult.AlreadyDone && parts.ContainsKey(TransactionKinds.SimpananPokok))
        {
            var status = await ledger.FindStatusAsync(cooperativeId, row.MemberId, item.Id, cancellationToken);
            if (status?.Status == TransactionStatus.Rejected)
            {
                var column = status.Reason?.Code == "pokok_already_paid" || item.Parts is null ? ColumnOf(item.Account) : ImportTemplates.MemberNumber;
                return [new ImportRowError(row.Row, column, $"the ledger refused it: {status.Reason?.Message}")];
            }
        }
        return [];
    }

    /// <summary>
    /// The opening balances are in the ledger with other content: the columns whose amount differs from what the ledger
    /// holds under the id (its journal's lines on its own date), or the member number when the cut-over date differs.
    /// </summary>
    private async Task<IReadOnlyList<ImportRowError>> ConflictsAsync(
        string cooperativeId, ImportRow row, TransactionMessage item, IReadOnlyDictionary<string, long> parts, DateOnly asOf, CancellationToken cancellationToken)
    {
        const string fix = "correct it with a transaction, not a second import";
        var status = await ledger.FindStatusAsync(cooperativeId, row.MemberId, item.Id, cancellationToken);
        var storedDate = status?.BusinessDate is { } date ? LedgerKeys.ParseDate(date) : asOf;
        if (storedDate != asOf)
        {
            return [new ImportRowError(row.Row, item.Parts is null ? ColumnOf(item.Account) : ImportTemplates.MemberNumber,
                $"the opening balances of this member are already in the ledger as of {LedgerKeys.Date(storedDate)}; {fix}")];
        }
        var day = await ledger.MemberLedgerAsync(cooperativeId, row.MemberId, storedDate, storedDate, new Paging(Paging.MaxLimit, null), cancellationToken);
        var stored = day.Items.Where(l => l.TransactionId == item.Id).GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.Change), StringComparer.Ordinal);
        var differing = TransactionKinds.SavingsAccounts.Where(a => (item.Parts is not null || a == item.Account) && stored.GetValueOrDefault(a) != parts.GetValueOrDefault(a))
            .Select(a => new ImportRowError(row.Row, ColumnOf(a), $"an opening balance of this account is already in the ledger with another amount ({Rupiah.Format(stored.GetValueOrDefault(a))}); {fix}"))
            .ToList();
        return differing.Count > 0 ? differing
            : [new ImportRowError(row.Row, item.Parts is null ? ColumnOf(item.Account) : ImportTemplates.MemberNumber, $"the opening balances of this member are already in the ledger with other content; {fix}")];
    }

    private static string ColumnOf(string account) => account switch
    {
        TransactionKinds.SimpananPokok => ImportTemplates.Pokok,
        TransactionKinds.SimpananWajib => ImportTemplates.Wajib,
        _ => ImportTemplates.Sukarela,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {CooperativeId}/{ImportId} chunk {Chunk}: {Imported} imported, {Unchanged} unchanged, {Refused} refused")]
    private static partial void LogChunkDone(ILogger logger, string cooperativeId, string importId, int chunk, int imported, int unchanged, int refused);
}
