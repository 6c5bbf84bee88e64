using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Transactions;

/// <summary>
/// Accepts transactions: validates each one, records its id and content, and queues it for posting. A 202
/// is only ever given after the message is on the queue, so an accepted transaction cannot be lost. A batch's
/// items are queued one message per member (in the order sent), so the ledger applies them in that order.
/// </summary>
public sealed class TransactionIntake(MemberStore members, TransactionRecordStore records, TransactionQueue queue, TimeProvider time)
{
    public const int MaxBatch = 500;
    private const int Parallelism = 8;

    public async Task<IntakeResult> AcceptAsync(string cooperativeId, JsonElement item, CancellationToken cancellationToken = default)
    {
        var (result, message) = await AdmitAsync(cooperativeId, item, cancellationToken);
        if (message is not null)
        {
            await queue.EnqueueAsync(message, cancellationToken);
        }
        return result;
    }

    public async Task<IReadOnlyList<IntakeResult>> AcceptBatchAsync(string cooperativeId, JsonElement array, CancellationToken cancellationToken = default)
    {
        var items = array.EnumerateArray().ToArray();
        CheckBatchShape(items);
        var admitted = new (IntakeResult Result, TransactionMessage? Message)[items.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => admitted[i] = await AdmitAsync(cooperativeId, items[i], ct));

        var byMember = admitted.Where(a => a.Message is not null).Select(a => a.Message!).GroupBy(m => m.MemberId, StringComparer.Ordinal);
        await Parallel.ForEachAsync(byMember, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (member, ct) => await queue.EnqueueInOrderAsync(cooperativeId, member.Key, member.ToList(), ct));
        return admitted.Select(a => a.Result).ToList();
    }

    /// <summary>Validates and records one item; the message to queue when it is accepted (a safe re-send included).</summary>
    private async Task<(IntakeResult Result, TransactionMessage? Message)> AdmitAsync(string cooperativeId, JsonElement item, CancellationToken cancellationToken)
    {
        var (request, errors) = TransactionValidator.Read(item, time.GetUtcNow());
        if (request is null)
        {
            return (IntakeResult.Rejected(TransactionValidator.IdOf(item), "invalid_transaction", errors), null);
        }
        if (!await members.ExistsAsync(cooperativeId, request.MemberId, cancellationToken))
        {
            return (IntakeResult.Rejected(request.Id, "unknown_member",
                new Dictionary<string, string[]> { ["memberId"] = [$"no member '{request.MemberId}' in this cooperative"] }), null);
        }
        var existing = await records.AddOrGetAsync(cooperativeId, TransactionMessage.ApiSource, request, cancellationToken);
        if (existing is not null && !existing.Request.SameContentAs(request))
        {
            return (IntakeResult.Conflicting(request.Id), null);
        }
        // A safe re-send is queued again: the first send may have died before its message was queued,
        // and the ledger posts an id once however often it arrives.
        return (IntakeResult.Accepted(request.Id), TransactionMessage.From(cooperativeId, TransactionMessage.ApiSource, request));
    }

    private static void CheckBatchShape(JsonElement[] items)
    {
        if (items.Length == 0 || items.Length > MaxBatch)
        {
            throw new ApiProblemException(ApiProblem.BadRequest(items.Length == 0 ? "empty_batch" : "batch_too_large",
                $"A batch holds 1 to {MaxBatch} transactions; this one holds {items.Length}."));
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Length; i++)
        {
            if (TransactionValidator.IdOf(items[i]) is { } id && !seen.TryAdd(id, i))
            {
                errors[$"[{i}].id"] = [$"repeats the id of item {seen[id]}"];
            }
        }
        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation("duplicate_id", "Each id may appear once in a batch.", errors));
        }
    }
}
