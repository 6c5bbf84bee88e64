using System.Text;
using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>Reads the ledger: a member's balances and entries (one partition), and the cooperative's trial balance (from rollups).</summary>
public sealed class LedgerReader(StorageAccount storage, Books.ChartOfAccountsStore charts)
{
    public async Task<TransactionStatus?> FindStatusAsync(string cooperativeId, string memberId, string transactionId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.MemberPartition(cooperativeId, memberId), LedgerKeys.Marker(transactionId), cancellationToken: cancellationToken);
        return marker.HasValue && marker.Value is not null ? PostingMarker.ToStatus(marker.Value, memberId) : null;
    }

    /// <summary>
    /// The status the API answers: a posting reads "posted" once the cooperative's trial balance has it too (the fold
    /// into the shard follows the member's commit), so a caller that saw "posted" finds it in every report; until then null.
    /// </summary>
    public async Task<TransactionStatus?> FindReportedStatusAsync(string cooperativeId, string memberId, string transactionId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.MemberPartition(cooperativeId, memberId), LedgerKeys.Marker(transactionId), cancellationToken: cancellationToken);
        if (!marker.HasValue || marker.Value is not { } row)
        {
            return null;
        }
        var status = PostingMarker.ToStatus(row, memberId);
        return status.Status == TransactionStatus.Posted && row.GetInt64("Sequence") is { } sequence &&
            !await TrialBalanceShards.IsFoldedAsync(table, cooperativeId, memberId, sequence, cancellationToken)
            ? null
            : status;
    }

    public async Task<MemberBalances> CurrentBalancesAsync(string cooperativeId, string memberId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.MemberPartition(cooperativeId, memberId), LedgerKeys.BalanceRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? BalanceRow.Read(row.Value) : MemberBalances.Zero;
    }

    /// <summary>Every journal of the member in posting order (a member holds hundreds, not millions).</summary>
    public async Task<IReadOnlyList<JournalEntry>> EntriesAsync(string cooperativeId, string memberId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, memberId);
        var entries = new List<JournalEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(LedgerKeys.JournalPrefix) >= 0 && e.RowKey.CompareTo("j}") < 0, cancellationToken: cancellationToken))
        {
            entries.Add(JournalEntry.Read(row));
        }
        return entries;
    }

    public async Task<MemberBalances> BalancesAsOfAsync(string cooperativeId, string memberId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var dayAfter = asOf.AddDays(1);
        return (await PeriodAsync(cooperativeId, memberId, dayAfter, dayAfter, cancellationToken)).Opening;
    }

    /// <summary>
    /// The member's entries with business dates in [from, to], ordered by business date then posting sequence, each
    /// with the running balances after it; opening balances sum every earlier entry.
    /// </summary>
    public async Task<MemberLedger> MemberLedgerAsync(string cooperativeId, string memberId, DateOnly from, DateOnly to, Paging paging, CancellationToken cancellationToken = default)
    {
        var (opening, entries) = await PeriodAsync(cooperativeId, memberId, from, to, cancellationToken);
        var running = opening;
        var lines = new List<LedgerLine>();
        foreach (var e in entries.OrderBy(e => e.BusinessDate).ThenBy(e => e.Sequence))
        {
            running = running.Apply(e.Lines);
            var balances = running.ToMap();
            // One line for the account the journal moved, and one for each other member account it changed (a provider's
            // repayment beyond the payoff also credits sukarela), so every account's lines add up to its balance.
            var others = MemberBalances.MemberAccounts.Where(a => a != e.Account)
                .Select(a => (Account: a, Change: e.Lines.Where(l => l.Account == a).Sum(MemberBalances.ChangeOf))).Where(c => c.Change != 0);
            foreach (var (account, change) in others.Prepend((e.Account, e.MemberChange)))
            {
                lines.Add(new LedgerLine(e.Sequence, e.TransactionId, LedgerKeys.Date(e.BusinessDate), e.OccurredAt, e.Kind, account, e.Amount,
                    change, e.Reference, e.Description, e.Source, balances, e.LoanId));
            }
        }
        var offset = DecodeOffset(paging.ContinuationToken);
        var page = lines.Skip(offset).Take(paging.Limit).ToList();
        var next = offset + page.Count < lines.Count ? EncodeOffset(offset + page.Count) : null;
        return new MemberLedger(memberId, LedgerKeys.Date(from), LedgerKeys.Date(to), opening.ToMap(), page, running.ToMap(), next);
    }

    /// <summary>
    /// The opening balances at <paramref name="from"/> and the journals dated in [from, to], without reading the
    /// member's whole history: the balances row minus the day rollups from <paramref name="from"/> on (one RowKey
    /// range, as long as the time since then, not the member's years), and the journals from the lowest sequence
    /// those days record (<see cref="Rollup.FirstSequence"/>) on. The balances row is read again after the day rows: a
    /// posting in between changed its ETag, and the read starts over. Day rows written before the column existed
    /// fall back to every journal.
    /// </summary>
    private async Task<(MemberBalances Opening, List<JournalEntry> Entries)> PeriodAsync(
        string cooperativeId, string memberId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, memberId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var balance = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.BalanceRow, cancellationToken: cancellationToken);
            if (!balance.HasValue || balance.Value is not { } row)
            {
                return (MemberBalances.Zero, []);
            }
            var days = new List<TableEntity>();
            var filter = $"PartitionKey eq '{Quote(partition)}' and RowKey ge '{LedgerKeys.Day(from)}' and RowKey lt '{LedgerKeys.DaysEnd}'";
            await foreach (var day in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                days.Add(day);
            }
            var inPeriod = days.Where(d => d.RowKey.CompareTo(LedgerKeys.Day(to)) <= 0).ToList();
            if (inPeriod.Any(d => d.GetInt64(Rollup.FirstSequence) is null))
            {
                break;
            }
            var again = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.BalanceRow, cancellationToken: cancellationToken);
            if (!again.HasValue || again.Value!.ETag != row.ETag)
            {
                continue;
            }
            var since = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
            days.ForEach(d => Rollup.AccumulateInto(d, since));
            // Undo what the days from `from` on added: their debits taken back as credits and their credits as debits.
            var opening = BalanceRow.Read(row).Apply(since.Select(t => new JournalLine(t.Key, t.Value.Credit, t.Value.Debit)));
            if (inPeriod.Count == 0)
            {
                return (opening, []);
            }
            var first = inPeriod.Min(d => d.GetInt64(Rollup.FirstSequence)!.Value);
            var last = row.GetInt64(BalanceRow.Sequence) ?? 0;
            var entries = new List<JournalEntry>();
            var journals = $"PartitionKey eq '{Quote(partition)}' and RowKey ge '{LedgerKeys.Journal(first)}' and RowKey le '{LedgerKeys.Journal(last)}'";
            await foreach (var journal in table.QueryAsync<TableEntity>(journals, cancellationToken: cancellationToken))
            {
                var entry = JournalEntry.Read(journal);
                if (entry.BusinessDate >= from && entry.BusinessDate <= to)
                {
                    entries.Add(entry);
                }
            }
            return (opening, entries);
        }
        var all = await EntriesAsync(cooperativeId, memberId, cancellationToken);
        return (MemberBalances.Sum(all.Where(e => e.BusinessDate < from)), all.Where(e => e.BusinessDate >= from && e.BusinessDate <= to).ToList());
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>
    /// The cooperative's totals from its trial-balance shards (<see cref="TrialBalanceShards"/>): per shard the
    /// cumulative row of the latest business date on or before asOf, 16 entities whatever the members and years.
    /// Never reads journal entries; every journal is balanced, so the totals must be equal.
    /// </summary>
    public async Task<TrialBalance> TrialBalanceAsync(string cooperativeId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var totals = await TrialBalanceShards.TotalsAsync(table, cooperativeId, asOf, cancellationToken);
        // The cooperative's chart names its own accounts (and a built-in's new name); the built-ins keep their class.
        var chart = await charts.LoadAsync(cooperativeId, cancellationToken);
        var accounts = totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        {
            var account = chart.Account(t.Key);
            var balance = account.IsDebitNormal ? t.Value.Debit - t.Value.Credit : t.Value.Credit - t.Value.Debit;
            return new TrialBalanceAccount(account.Code, account.Name, account.Class.ToString().ToLowerInvariant(), t.Value.Debit, t.Value.Credit, balance);
        }).ToList();
        return new TrialBalance(LedgerKeys.Date(asOf), accounts, accounts.Sum(a => a.Debit), accounts.Sum(a => a.Credit));
    }

    private static int DecodeOffset(string? token)
    {
        if (token is null)
        {
            return 0;
        }
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var length) &&
            int.TryParse(Encoding.UTF8.GetString(bytes, 0, length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw Paging.InvalidToken();
    }

    private static string EncodeOffset(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
