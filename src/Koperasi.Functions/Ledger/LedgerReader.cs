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
        var entries = await EntriesAsync(cooperativeId, memberId, cancellationToken);
        return MemberBalances.Sum(entries.Where(e => e.BusinessDate <= asOf));
    }

    /// <summary>
    /// The member's entries with business dates in [from, to], ordered by business date then posting sequence, each
    /// with the running balances after it; opening balances sum every earlier entry.
    /// </summary>
    public async Task<MemberLedger> MemberLedgerAsync(string cooperativeId, string memberId, DateOnly from, DateOnly to, Paging paging, CancellationToken cancellationToken = default)
    {
        var entries = (await EntriesAsync(cooperativeId, memberId, cancellationToken)).OrderBy(e => e.BusinessDate).ThenBy(e => e.Sequence).ToList();
        var opening = MemberBalances.Sum(entries.Where(e => e.BusinessDate < from));
        var running = opening;
        var lines = new List<LedgerLine>();
        foreach (var e in entries.Where(e => e.BusinessDate >= from && e.BusinessDate <= to))
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
    /// Sums the members' rollups: whole months before asOf's month, then the days of that month up to asOf.
    /// Reads rollup rows only, never journal entries; every journal is balanced, so the totals must be equal.
    /// </summary>
    public async Task<TrialBalance> TrialBalanceAsync(string cooperativeId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var (from, to) = LedgerKeys.CooperativeRange(cooperativeId);
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var totals = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        var months = $"PartitionKey ge '{from}' and PartitionKey lt '{to}' and RowKey ge '{LedgerKeys.MonthPrefix}' and RowKey lt '{LedgerKeys.Month(monthStart)}'";
        var days = $"PartitionKey ge '{from}' and PartitionKey lt '{to}' and RowKey ge '{LedgerKeys.Day(monthStart)}' and RowKey le '{LedgerKeys.Day(asOf)}'";
        foreach (var filter in new[] { months, days })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                Rollup.AccumulateInto(row, totals);
            }
        }
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
