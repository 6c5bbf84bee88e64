using System.Globalization;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Members;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// Closes a fiscal year (1 January - 31 December in the cooperative's zone) once it has ended: closes every month of
/// it for postings (the month-close mechanism: the cooperative's <c>ClosedThrough</c>, then each ledger holder's
/// balances row), and posts the closing journal <c>tutup-buku-{yyyy}</c> (kind <c>year_close</c>, dated 31
/// December) that moves each income and expense account's movement of the year into <c>shu_tahun_berjalan</c>.
/// Each holder is closed before its rollups are read, and every posting writes that row If-Match: a posting dated in
/// the year either committed before the close (and is in the figure) or retries, sees the year closed and books on
/// 1 January (docs/books.md). Idempotent: the closing entry, once posted, is the answer.
/// </summary>
public sealed class YearClose(
    CooperativeStore cooperatives, MemberStore members, MemberClosing closing, StorageAccount storage, GeneralJournal journal, ChartOfAccountsStore charts, TimeProvider time)
{
    /// <summary>Ledger holders closed and read at once: a few thousand members are a few seconds of point writes and small reads.</summary>
    public const int Parallelism = 16;
    public const string ClosingIdPrefix = "tutup-buku-";

    public static string ClosingId(int year) => ClosingIdPrefix + year.ToString(CultureInfo.InvariantCulture);

    public async Task<YearCloseOutcome> CloseAsync(string cooperativeId, string yearText, CancellationToken cancellationToken = default)
    {
        if (yearText.Length != 4 || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900)
        {
            return YearCloseOutcome.Refused(ApiProblem.BadRequest("invalid_year", "The year is four digits, like 2026."));
        }
        var cooperative = await cooperatives.FindAsync(cooperativeId, cancellationToken)
            ?? throw new InvalidOperationException($"Cooperative '{cooperativeId}' of an authenticated caller does not exist.");
        var today = BusinessCalendar.Today(time, cooperative);
        if (today.Year <= year)
        {
            return YearCloseOutcome.Refused(ApiProblem.Conflict("year_not_ended",
                $"The fiscal year {year} ends on 31 December {year} ({cooperative.TimeZone}); today is {LedgerKeys.Date(today)}. Close it from 1 January {year + 1}."));
        }
        var chart = await charts.LoadAsync(cooperativeId, cancellationToken);
        if (await journal.FindAsync(cooperativeId, ClosingId(year), cancellationToken) is { } done)
        {
            return new YearCloseOutcome(Answer(year, done, chart), null);
        }

        var december = new DateOnly(year, 12, 1);
        await cooperatives.CloseThroughAsync(cooperativeId, december, cancellationToken);
        var movements = await CloseHoldersAsync(cooperativeId, december, chart, cancellationToken);
        var lines = ClosingLines(movements, chart);
        if (lines.Count == 0)
        {
            return new YearCloseOutcome(new YearClosing(year, LedgerKeys.Date(new DateOnly(year, 12, 31)), 0, 0, 0, null), null);
        }
        var entry = new GeneralJournalEntry(ClosingId(year), EndOf(year, cooperative),
            $"Tutup buku {year}: pendapatan dan beban tahun {year} ke SHU tahun berjalan", lines, TransactionKinds.YearClose);
        var outcome = await journal.PostAsync(cooperativeId, entry, cancellationToken);
        if (outcome.Problem?.Code == "journal_entry_conflict" && await journal.FindAsync(cooperativeId, ClosingId(year), cancellationToken) is { } theirs)
        {
            // Another close of the same year posted first (its read saw the same holders); its entry is the answer.
            return new YearCloseOutcome(Answer(year, theirs, chart), null);
        }
        return outcome.Problem is { } problem ? YearCloseOutcome.Refused(problem) : new YearCloseOutcome(Answer(year, outcome.Entry!, chart), null, outcome.Created);
    }

    /// <summary>The closing entry's lines: each income and expense account's net movement to zero, the difference (the SHU) to <c>shu_tahun_berjalan</c>.</summary>
    public static List<JournalLine> ClosingLines(IReadOnlyDictionary<string, (long Debit, long Credit)> movements, CooperativeChart chart)
    {
        var lines = new List<JournalLine>();
        long shu = 0;
        foreach (var (code, (debit, credit)) in movements.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (chart.Account(code).Class is not (AccountClass.Income or AccountClass.Expense) || debit == credit)
            {
                continue;
            }
            var net = credit - debit;
            shu += net;
            lines.Add(net > 0 ? new JournalLine(code, net, 0) : new JournalLine(code, 0, -net));
        }
        if (shu != 0)
        {
            lines.Add(shu > 0 ? new JournalLine(ChartOfAccounts.ShuTahunBerjalan, 0, shu) : new JournalLine(ChartOfAccounts.ShuTahunBerjalan, -shu, 0));
        }
        return lines.Count >= JournalRules.MinLines ? lines : [];
    }

    /// <summary>Closes every holder that can carry income or expenses (the general journal, then each member) and sums its year's month rollups once closed.</summary>
    private async Task<Dictionary<string, (long Debit, long Credit)>> CloseHoldersAsync(string cooperativeId, DateOnly december, CooperativeChart chart, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var totals = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        var first = LedgerKeys.Month(new DateOnly(december.Year, 1, 1));
        var last = LedgerKeys.Month(december);
        await Parallel.ForEachAsync(HoldersAsync(cooperativeId, cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (holder, ct) =>
            {
                await closing.CloseThroughAsync(cooperativeId, holder, december, ct);
                var partition = LedgerKeys.MemberPartition(cooperativeId, holder).Replace("'", "''", StringComparison.Ordinal);
                var mine = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
                await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{partition}' and RowKey ge '{first}' and RowKey le '{last}'", cancellationToken: ct))
                {
                    Rollup.AccumulateInto(row, mine);
                }
                lock (totals)
                {
                    foreach (var (code, (debit, credit)) in mine.Where(m => chart.Account(m.Key).Class is AccountClass.Income or AccountClass.Expense))
                    {
                        var t = totals.GetValueOrDefault(code);
                        totals[code] = (t.Debit + debit, t.Credit + credit);
                    }
                }
            });
        return totals;
    }

    /// <summary>
    /// The holders whose postings can carry income or expenses: the general journal and the members (loan income and
    /// write-offs are member postings). Money for no member (dana titipan) only ever moves clearing and suspense accounts.
    /// </summary>
    private async IAsyncEnumerable<string> HoldersAsync(string cooperativeId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return LedgerKeys.GeneralJournal;
        await foreach (var member in members.ListAllAsync(cooperativeId, cancellationToken))
        {
            yield return member.Id;
        }
    }

    private static YearClosing Answer(int year, PostedJournalEntry entry, CooperativeChart chart)
    {
        var income = entry.Lines.Where(l => chart.Account(l.Account).Class == AccountClass.Income).Sum(l => l.Debit - l.Credit);
        var expenses = entry.Lines.Where(l => chart.Account(l.Account).Class == AccountClass.Expense).Sum(l => l.Credit - l.Debit);
        return new YearClosing(year, LedgerKeys.Date(new DateOnly(year, 12, 31)), income, expenses, income - expenses, entry);
    }

    /// <summary>Noon on 31 December in the cooperative's zone: an instant whose local date is the year's last day.</summary>
    private static DateTimeOffset EndOf(int year, Cooperative cooperative) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, 12, 31, 12, 0, 0, DateTimeKind.Unspecified), cooperative.Zone), TimeSpan.Zero);
}
