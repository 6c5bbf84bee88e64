using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Books;

/// <summary>
/// Distributes a closed year's SHU once (after the RAT). The request claims the year's run (insert-if-absent of
/// <c>run|{yyyy}</c> in <c>{coop}|shu</c>, with the policy frozen and the instant the postings will carry) and queues one
/// <c>shu-distributions</c> message; its function computes the split over the closed year (which no posting can change
/// any more), queues every member's share on the transactions queue (a member posting each, <see cref="ShuRules"/>, id
/// <see cref="ShuIds.MemberShare"/>) and posts the rest (reserve, funds, rounding remainder) as one general-journal
/// entry. Every step is idempotent: a redelivery or a second request recomputes the same postings under the same ids.
/// </summary>
public sealed partial class ShuDistribution(
    StorageAccount storage, ShuDrafts drafts, ShuPolicyStore policies, GeneralJournal journal, TransactionQueue transactions, TimeProvider time,
    ILogger<ShuDistribution> logger)
{
    private const int SendsAtOnce = 16;

    public static string RunRow(int year) => "run|" + year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<(ShuDistributionStatus? Status, ApiProblem? Problem)> RequestAsync(Caller caller, int year, CancellationToken cancellationToken = default)
    {
        var coop = caller.CooperativeId;
        if (await drafts.ClosedShuAsync(coop, year, cancellationToken) is not { } shu)
        {
            return (null, ApiProblem.Conflict("year_not_closed", $"The year {year} is not closed; close it first (POST /api/years/{year}/close), then distribute its SHU after the RAT."));
        }
        if (shu.Shu <= 0)
        {
            return (null, ApiProblem.Conflict("no_surplus", $"The year {year} closed with an SHU of {Rupiah.Format(shu.Shu)}; there is nothing to distribute."));
        }
        var table = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        var policy = await policies.GetAsync(coop, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(ShuPolicyStore.Partition(coop), RunRow(year))
            {
                ["Status"] = ShuDistributionStatus.Queued,
                ["RequestedAt"] = time.GetUtcNow(),
                ["RequestedBy"] = caller.KeyId,
                ["Policy"] = JsonSerializer.Serialize(policy, ApiJson.Options),
                ["Shu"] = shu.Shu,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Asked before: the run as it stands is the answer (and its message is queued again below if it has not run).
        }
        var run = (await table.GetEntityAsync<TableEntity>(ShuPolicyStore.Partition(coop), RunRow(year), cancellationToken: cancellationToken)).Value;
        if (run.GetString("Status") != ShuDistributionStatus.FannedOut)
        {
            var queue = await storage.QueueAsync(StorageNames.ShuDistributionsQueue, cancellationToken);
            await queue.SendMessageAsync(JsonSerializer.Serialize(new ShuDistributionMessage(coop, year), ApiJson.Options), visibilityTimeout: null,
                timeToLive: TimeSpan.FromSeconds(-1), cancellationToken);
        }
        return (Summary(year, run), null);
    }

    /// <summary>The run and, once fanned out, how far the ledger has got: one point read of each member's share marker.</summary>
    public async Task<ShuDistributionStatus?> StatusAsync(string cooperativeId, int year, CancellationToken cancellationToken = default)
    {
        var books = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        var found = await books.GetEntityIfExistsAsync<TableEntity>(ShuPolicyStore.Partition(cooperativeId), RunRow(year), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } run)
        {
            return null;
        }
        var summary = Summary(year, run);
        if (summary.Status != ShuDistributionStatus.FannedOut)
        {
            return summary;
        }
        var ledger = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var shares = (await SplitAsync(cooperativeId, year, run, cancellationToken)).Members.Where(m => m.Total > 0).ToList();
        var (posted, rejected) = (0, 0);
        await Parallel.ForEachAsync(shares, new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = cancellationToken }, async (share, ct) =>
        {
            var marker = await ledger.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.MemberPartition(cooperativeId, share.MemberId),
                LedgerKeys.Marker(ShuIds.MemberShare(year, share.MemberId)), select: [PostingMarker.Status], cancellationToken: ct);
            var status = marker.HasValue ? marker.Value?.GetString(PostingMarker.Status) : null;
            if (status == TransactionStatus.Posted)
            {
                Interlocked.Increment(ref posted);
            }
            else if (status == TransactionStatus.Rejected)
            {
                Interlocked.Increment(ref rejected);
            }
        });
        return summary with { Posted = posted, Rejected = rejected, Pending = shares.Count - posted - rejected };
    }

    /// <summary>The fan-out (the <c>shu-distributions</c> queue function); on the last attempt a failure is recorded on the run.</summary>
    public async Task ProcessAsync(string body, long dequeueCount, int maxDequeueCount, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Deserialize<ShuDistributionMessage>(body, ApiJson.Options) ?? throw new JsonException("The SHU distribution message is null.");
        var books = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        var found = await books.GetEntityIfExistsAsync<TableEntity>(ShuPolicyStore.Partition(message.CooperativeId), RunRow(message.Year), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } run || run.GetString("Status") == ShuDistributionStatus.FannedOut)
        {
            return;
        }
        try
        {
            var (policy, at) = (FrozenPolicy(run), run.GetDateTimeOffset("RequestedAt")!.Value);
            var split = await SplitAsync(message.CooperativeId, message.Year, run, cancellationToken);
            var shares = split.Members.Where(m => m.Total > 0).ToList();
            await Parallel.ForEachAsync(shares, new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = cancellationToken }, async (share, ct) =>
                await transactions.EnqueueAsync(new TransactionMessage(message.CooperativeId, ShuRules.Source, ShuIds.MemberShare(message.Year, share.MemberId),
                    share.MemberId, TransactionKinds.ShuDistribution, policy.MemberShareAccount, share.Total, at, $"SHU {message.Year}",
                    $"Jasa modal {Rupiah.Format(share.JasaModal)}, jasa usaha {Rupiah.Format(share.JasaUsaha)}"), ct));
            var lines = AllocationLines(split);
            if (lines.Count >= JournalRules.MinLines)
            {
                var outcome = await journal.PostAsync(message.CooperativeId, new GeneralJournalEntry(ShuIds.Allocation(message.Year), at,
                    $"Pembagian SHU {message.Year}: cadangan, dana-dana dan sisa pembulatan", lines), cancellationToken);
                if (outcome.Problem is { } problem)
                {
                    throw new InvalidOperationException($"The SHU allocation entry was refused: {problem.Code}: {problem.Detail}");
                }
            }
            run["Status"] = ShuDistributionStatus.FannedOut;
            run["Members"] = shares.Count;
            run["MembersTotal"] = shares.Sum(s => s.Total);
            run["AllocationEntry"] = lines.Count >= JournalRules.MinLines ? ShuIds.Allocation(message.Year) : null;
            await books.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, cancellationToken);
            LogFannedOut(logger, message.CooperativeId, message.Year, shares.Count);
        }
        catch (Exception e) when (dequeueCount >= maxDequeueCount && !cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            run["Status"] = ShuDistributionStatus.Failed;
            run["Error"] = e.Message;
            await books.UpdateEntityAsync(run, ETag.All, TableUpdateMode.Replace, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// The general-journal entry of what is not the members': Dr shu_tahun_berjalan; Cr each reserve or fund its allocation,
    /// and the remainder account what rounding left (from the allocations and from the members' pools).
    /// </summary>
    public static List<JournalLine> AllocationLines(ShuSplit split)
    {
        var credits = split.Allocations.Where(a => a.Code is not (ShuPolicy.JasaModal or ShuPolicy.JasaUsaha))
            .Select(a => (Account: a.Code, a.Amount)).Append((split.Remainder.Account, split.Remainder.Amount))
            .GroupBy(c => c.Account).Select(g => (Account: g.Key, Amount: g.Sum(c => c.Amount))).Where(c => c.Amount > 0).ToList();
        if (credits.Count == 0)
        {
            return [];
        }
        return [new JournalLine(ChartOfAccounts.ShuTahunBerjalan, credits.Sum(c => c.Amount), 0), .. credits.Select(c => new JournalLine(c.Account, 0, c.Amount))];
    }

    private async Task<ShuSplit> SplitAsync(string cooperativeId, int year, TableEntity run, CancellationToken cancellationToken)
    {
        var policy = FrozenPolicy(run);
        return ShuCalculation.Split(run.GetInt64("Shu") ?? 0, policy, await drafts.BasesAsync(cooperativeId, year, policy, cancellationToken));
    }

    private static ShuPolicy FrozenPolicy(TableEntity run) => JsonSerializer.Deserialize<ShuPolicy>(run.GetString("Policy"), ApiJson.Options)!;

    private static ShuDistributionStatus Summary(int year, TableEntity run) => new(
        year, run.GetString("Status"), run.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue, run.GetInt64("Shu") ?? 0,
        run.GetInt32("Members") ?? 0, run.GetInt64("MembersTotal") ?? 0, 0, 0, 0, run.GetString("AllocationEntry"), run.GetString("Error"));

    [LoggerMessage(Level = LogLevel.Information, Message = "SHU {Year} of cooperative {CooperativeId}: {Members} members' shares queued and the allocation entry posted")]
    private static partial void LogFannedOut(ILogger logger, string cooperativeId, int year, int members);
}
