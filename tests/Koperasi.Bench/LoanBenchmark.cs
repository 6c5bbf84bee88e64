using System.Net;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Bench;

/// <summary>
/// Loan repayments against savings deposits through the same pipeline (HTTP intake, the queue, the ledger's posting),
/// in alternating rounds on the same members and the same Azurite: the posting rate of repayments ÷ that of deposits
/// (a repayment reads and rewrites the loan's row in the member's transaction, and allocates over its schedule), and
/// storage requests per repayment beside those per deposit.
/// </summary>
public sealed class LoanBenchmark(string connection, StorageClientFactory clients, string coopId, string key, IReadOnlyList<string> members, PipelineOptions options, Action<string> say)
{
    private const double RateTarget = 0.8;
    private const int Rounds = 2;

    public async Task<LoanRun> RunAsync(Random random)
    {
        var intakeHost = new LocalHostProcess(connection, "loans", new Dictionary<string, string> { ["LocalHost__DisableQueueTriggers"] = "true" });
        await intakeHost.StartAsync();
        var api = new BenchApi(intakeHost.BaseAddress);
        await api.ActiveLoansAsync(key, members);
        var perRound = Math.Max(1, options.Transactions / 2 / Rounds);
        say($"bench: loans: {members.Count} loans disbursed; {Rounds} rounds of {perRound} deposits then {perRound} repayments (alternating order)");

        var totals = new Dictionary<string, (int Count, TimeSpan Time, int Requests)>
        {
            [TransactionKinds.Deposit] = default,
            [TransactionKinds.LoanRepayment] = default,
        };
        var refused = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var kinds = round % 2 == 0 ? new[] { TransactionKinds.Deposit, TransactionKinds.LoanRepayment } : [TransactionKinds.LoanRepayment, TransactionKinds.Deposit];
            foreach (var kind in kinds)
            {
                var batch = kind == TransactionKinds.Deposit
                    ? Workload.Deposits(coopId, members, perRound, random, $"lb-d{round}").Select(m => m with { Kind = TransactionKinds.Deposit }).ToList()
                    : Workload.Repayments(coopId, members, perRound, random, $"lb-r{round}");
                await api.ResetStorageRequestsAsync();
                refused += await SendAsync(api, batch);
                var intake = PipelineBenchmark.Count(await api.StorageRequestsAsync());
                var (rate, posting) = await PipelineBenchmark.DrainWithHostAsync(connection, clients);
                var t = totals[kind];
                totals[kind] = (t.Count + batch.Count, t.Time + TimeSpan.FromSeconds(batch.Count / rate), t.Requests + intake.Total + posting.Total);
            }
        }
        await intakeHost.KillAsync();

        var deposits = totals[TransactionKinds.Deposit];
        var repayments = totals[TransactionKinds.LoanRepayment];
        var depositRate = deposits.Count / deposits.Time.TotalSeconds;
        var repaymentRate = repayments.Count / repayments.Time.TotalSeconds;
        var perDeposit = deposits.Requests / (double)deposits.Count;
        var perRepayment = repayments.Requests / (double)repayments.Count;
        var figures = new List<Figure>
        {
            new("loan repayment posting (queue → ledger with the loan's row)", Stats.PerSecond(repaymentRate), $"{Stats.PerSecond(depositRate)} deposits, same run",
                repaymentRate / depositRate, $"≥ {RateTarget}", repaymentRate / depositRate >= RateTarget),
            // A repayment also point-reads its loan's row (in parallel with the others) and rewrites it in the same batch.
            new("storage requests per repayment (intake → posted)", Stats.F(perRepayment), $"{Stats.F(perDeposit)} per deposit, same run",
                perRepayment / perDeposit, "≤ deposit + 1.05", perRepayment <= perDeposit + 1.05),
        };
        // Disbursements post once per loan; every deposit and repayment posts or is rejected once.
        return new LoanRun(figures, members.Count + deposits.Count + repayments.Count, refused);
    }

    private async Task<int> SendAsync(BenchApi api, IReadOnlyList<TransactionMessage> batch)
    {
        var refused = 0;
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, ct) =>
        {
            var (status, _) = await api.PostTransactionAsync(key, Workload.IntakeJson(m), ct);
            if (status != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref refused);
            }
        });
        return refused;
    }
}
