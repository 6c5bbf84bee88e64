using System.Globalization;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Books;

/// <summary>
/// The SHU draft of a year: the year's SHU, and per member the capital and use bases read from the member's own month
/// rollups (one RowKey range of the member's partition each: <c>month|</c> through <c>month|{yyyy}-12</c>), split by
/// the policy (<see cref="ShuCalculation"/>). Members come from the member directory; a member who exited by the
/// year's end has no share (their savings were paid out and the ledger takes no posting for them).
/// </summary>
public sealed class ShuDrafts(
    StorageAccount storage, MemberStore members, CooperativeStore cooperatives, ShuPolicyStore policies, GeneralJournal journal,
    ChartOfAccountsStore charts, LedgerReader ledger)
{
    /// <summary>Member partitions read at once.</summary>
    public const int Parallelism = 16;

    public async Task<ShuDraft> DraftAsync(string cooperativeId, int year, CancellationToken cancellationToken = default)
    {
        var policy = await policies.GetAsync(cooperativeId, cancellationToken);
        var shu = await ShuOfYearAsync(cooperativeId, year, cancellationToken);
        var bases = await BasesAsync(cooperativeId, year, policy, cancellationToken);
        return ShuDraft.Of(year, shu.Closed, shu.Source, policy, ShuCalculation.Split(shu.Shu, policy, bases));
    }

    /// <summary>The year's SHU: the closing entry's amount into shu_tahun_berjalan once closed, else the trial balance's income − expenses moved in the year.</summary>
    public async Task<ShuYear> ShuOfYearAsync(string cooperativeId, int year, CancellationToken cancellationToken = default)
    {
        if (await ClosedShuAsync(cooperativeId, year, cancellationToken) is { } closedYear)
        {
            return closedYear;
        }
        var chart = await charts.LoadAsync(cooperativeId, cancellationToken);
        var end = await ledger.TrialBalanceAsync(cooperativeId, new DateOnly(year, 12, 31), cancellationToken);
        var start = await ledger.TrialBalanceAsync(cooperativeId, new DateOnly(year - 1, 12, 31), cancellationToken);
        long Result(TrialBalance trial) => trial.Accounts.Where(a => chart.Account(a.Code).Class is AccountClass.Income or AccountClass.Expense).Sum(a => a.Credit - a.Debit);
        return new ShuYear(year, Result(end) - Result(start), false, ShuDraft.FromTrialBalance);
    }

    /// <summary>A closed year's SHU, from its closing entry (point reads only); null while the year is open.</summary>
    public async Task<ShuYear?> ClosedShuAsync(string cooperativeId, int year, CancellationToken cancellationToken = default)
    {
        if (await journal.FindAsync(cooperativeId, YearClose.ClosingId(year), cancellationToken) is { } closing)
        {
            return new ShuYear(year, closing.Lines.Where(l => l.Account == ChartOfAccounts.ShuTahunBerjalan).Sum(l => l.Credit - l.Debit), true, ShuDraft.FromYearClose);
        }
        var cooperative = (await cooperatives.FindAsync(cooperativeId, cancellationToken))!;
        // Closed with no income or expense at all: no closing entry, an SHU of nothing.
        return cooperative.ClosedThrough is { } closed && closed >= new DateOnly(year, 12, 1) ? new ShuYear(year, 0, true, ShuDraft.FromYearClose) : null;
    }

    /// <summary>Every member's bases for the year (members with neither capital nor use are left out).</summary>
    public async Task<IReadOnlyList<ShuMemberBasis>> BasesAsync(string cooperativeId, int year, ShuPolicy policy, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var lastDay = LedgerKeys.Date(new DateOnly(year, 12, 31));
        var found = new List<ShuMemberBasis>();
        var counted = members.ListAllAsync(cooperativeId, cancellationToken).Where(m => m.ExitedOn is null || string.CompareOrdinal(m.ExitedOn, lastDay) > 0);
        await Parallel.ForEachAsync(counted, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (member, ct) =>
        {
            var basis = await BasisAsync(table, cooperativeId, member.Id, year, policy, ct);
            if (basis.CapitalWeight > 0 || basis.Use > 0)
            {
                lock (found)
                {
                    found.Add(basis);
                }
            }
        });
        return found.OrderBy(b => b.MemberId, StringComparer.Ordinal).ToList();
    }

    private static async Task<ShuMemberBasis> BasisAsync(TableClient table, string cooperativeId, string memberId, int year, ShuPolicy policy, CancellationToken cancellationToken)
    {
        var partition = LedgerKeys.MemberPartition(cooperativeId, memberId).Replace("'", "''", StringComparison.Ordinal);
        var filter = $"PartitionKey eq '{partition}' and RowKey ge '{LedgerKeys.MonthPrefix}' and RowKey le '{LedgerKeys.Month(new DateOnly(year, 12, 1))}'";
        var before = 0L;
        var months = new long[12];
        var use = 0L;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var month = DateOnly.ParseExact(row.RowKey[LedgerKeys.MonthPrefix.Length..] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var capital = policy.CapitalAccounts.Sum(a => Rollup.Net(row, a));
            if (month.Year < year)
            {
                before += capital;
                continue;
            }
            months[month.Month - 1] += capital;
            use += Rollup.Net(row, ChartOfAccounts.PendapatanJasaPinjaman);
        }
        var running = before;
        var sumOfMonthEnds = 0L;
        foreach (var change in months)
        {
            running += change;
            sumOfMonthEnds += running;
        }
        return policy.CapitalBasis == ShuPolicy.AverageMonthly
            ? new ShuMemberBasis(memberId, sumOfMonthEnds / 12, sumOfMonthEnds, use)
            : new ShuMemberBasis(memberId, running, running, use);
    }

    /// <summary>A fiscal year in a route: four digits.</summary>
    public static int ParseYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900
            ? year
            : throw new ApiProblemException(ApiProblem.BadRequest("invalid_year", "The year is four digits, like 2026."));
}
