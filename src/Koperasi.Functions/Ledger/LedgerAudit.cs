using Azure.Data.Tables;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// Proves the ledger invariants for one cooperative by reading every row of its member partitions: each journal
/// balances; each member's balances equal the sum of its entries; no savings balance is ever negative (in posting
/// order, nor in the statement's order of business dates); each posted marker has exactly one journal; the rollups equal the journals;
/// each loan's outstanding principal and payments equal its journals (<see cref="LoanLedgerCheck"/>); the trial balance
/// from the cooperative's shards (<see cref="TrialBalanceShards"/>) balances and equals the journals account by account, and
/// every holder's journals are folded into it; each partition's journal chain is intact (<see cref="Audit.JournalChain"/>); and each provider's clearing account equals the money that provider reported in
/// minus out (<see cref="ClearingCheck"/>). A full read, for audits and tests, not for the request path.
/// </summary>
public sealed class LedgerAudit(StorageAccount storage, LedgerReader reader, IProviderMoneyReports providers)
{
    public async Task<LedgerAuditReport> RunAsync(string cooperativeId, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var (from, to) = LedgerKeys.CooperativeRange(cooperativeId);
        var partitions = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey ge '{from}' and PartitionKey lt '{to}'", cancellationToken: cancellationToken))
        {
            (partitions.TryGetValue(row.PartitionKey, out var rows) ? rows : partitions[row.PartitionKey] = []).Add(row);
        }
        var problems = new List<string>();
        int journals = 0, posted = 0, rejected = 0;
        long debit = 0, credit = 0;
        var allEntries = new List<JournalEntry>();
        var chainBreaks = new List<Audit.ChainBreak>();
        int sealedJournals = 0, legacyJournals = 0;
        var lastSequence = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (partition, rows) in partitions)
        {
            var member = LedgerKeys.MemberIdOf(partition);
            var entries = rows.Where(r => r.RowKey.StartsWith(LedgerKeys.JournalPrefix, StringComparison.Ordinal)).Select(JournalEntry.Read).OrderBy(e => e.Sequence).ToList();
            var markers = rows.Where(r => r.RowKey.StartsWith(LedgerKeys.MarkerPrefix, StringComparison.Ordinal)).ToList();
            journals += entries.Count;
            lastSequence[member] = entries.Count > 0 ? entries[^1].Sequence : 0;
            allEntries.AddRange(entries);
            posted += markers.Count(m => m.GetString(PostingMarker.Status) == TransactionStatus.Posted);
            rejected += markers.Count(m => m.GetString(PostingMarker.Status) == TransactionStatus.Rejected);
            debit += entries.Sum(e => e.Lines.Sum(l => l.Debit));
            credit += entries.Sum(e => e.Lines.Sum(l => l.Credit));
            CheckJournals(member, entries, problems);
            CheckBalances(member, entries, rows.FirstOrDefault(r => r.RowKey == LedgerKeys.BalanceRow), problems);
            CheckMarkers(member, entries, markers, problems);
            CheckRollups(member, entries, rows, problems);
            if (Audit.JournalChain.Verify(member, rows) is var chain && chain.Break is { } broken)
            {
                chainBreaks.Add(broken);
                problems.Add($"member {member}: journal chain broken at {broken.Sequence} ({broken.Reason}): {broken.Detail}");
            }
            (sealedJournals, legacyJournals) = (sealedJournals + chain.Sealed, legacyJournals + chain.Legacy);
            LoanLedgerCheck.Check(member, entries,
                rows.Where(r => r.RowKey.StartsWith(Loans.LoanKeys.LoanPrefix, StringComparison.Ordinal)).Select(Loans.LoanEntity.Read).ToList(), problems);
        }
        var trial = await reader.TrialBalanceAsync(cooperativeId, DateOnly.MaxValue.AddDays(-1), cancellationToken);
        if (!trial.Balanced)
        {
            problems.Add($"trial balance does not balance: debit {trial.TotalDebit} vs credit {trial.TotalCredit}");
        }
        if (trial.TotalDebit != debit || trial.TotalCredit != credit)
        {
            problems.Add($"trial balance from rollups ({trial.TotalDebit}/{trial.TotalCredit}) differs from the journals ({debit}/{credit})");
        }
        CheckTrialBalance(trial, allEntries, problems);
        var folded = await TrialBalanceShards.AllFoldedAsync(table, cooperativeId, cancellationToken);
        foreach (var (member, last) in lastSequence.Where(m => folded.GetValueOrDefault(m.Key) != m.Value))
        {
            problems.Add($"member {member}: journals through {last}, but the trial balance has folded them through {folded.GetValueOrDefault(member)}");
        }
        var clearing = await CheckClearingAsync(cooperativeId, allEntries, problems, cancellationToken);
        return new LedgerAuditReport(partitions.Count, journals, posted, rejected, debit, credit, problems, clearing)
        {
            Chains = new Audit.ChainReport(partitions.Count, sealedJournals, legacyJournals, chainBreaks),
        };
    }

    /// <summary>The trial balance from the shards, account by account, against the journals themselves: exact to the rupiah.</summary>
    private static void CheckTrialBalance(TrialBalance trial, IEnumerable<JournalEntry> entries, List<string> problems)
    {
        var expected = new Dictionary<string, (long Debit, long Credit)>(StringComparer.Ordinal);
        foreach (var line in entries.SelectMany(e => e.Lines))
        {
            var t = expected.GetValueOrDefault(line.Account);
            expected[line.Account] = (t.Debit + line.Debit, t.Credit + line.Credit);
        }
        var actual = trial.Accounts.ToDictionary(a => a.Code, a => (a.Debit, a.Credit), StringComparer.Ordinal);
        foreach (var account in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var (e, a) = (expected.GetValueOrDefault(account), actual.GetValueOrDefault(account));
            if (e != a)
            {
                problems.Add($"trial balance {account}: debit {a.Debit} credit {a.Credit} from the rollups, but the journals hold debit {e.Debit} credit {e.Credit}");
            }
        }
    }

    private async Task<IReadOnlyList<ClearingCheck>> CheckClearingAsync(string cooperativeId, IEnumerable<JournalEntry> entries, List<string> problems, CancellationToken cancellationToken)
    {
        var ledger = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in entries.SelectMany(e => e.Lines))
        {
            ledger[line.Account] = ledger.GetValueOrDefault(line.Account) + line.Debit - line.Credit;
        }
        var reported = new Dictionary<string, (long In, long Out, long Waiting)>(StringComparer.Ordinal);
        await foreach (var money in providers.ListAsync(cooperativeId, cancellationToken))
        {
            if (ChartOfAccounts.TryContraAccountFor(money.Source, out var account))
            {
                var t = reported.GetValueOrDefault(account);
                reported[account] = (t.In + money.ReceivedIn, t.Out + money.RefundedOut, t.Waiting + money.RefundsWaiting);
            }
        }
        var accounts = reported.Keys.Union(ledger.Keys.Where(IsClearing)).Order(StringComparer.Ordinal);
        var checks = accounts.Select(a => new ClearingCheck(a, ledger.GetValueOrDefault(a), reported.GetValueOrDefault(a).In, reported.GetValueOrDefault(a).Out,
            reported.GetValueOrDefault(a).Waiting)).ToList();
        foreach (var c in checks.Where(c => !c.Agrees))
        {
            problems.Add($"{c.Account}: the ledger holds {c.Ledger}, but the provider reported {c.ReportedIn} in and {c.ReportedOut} out");
        }
        return checks;
    }

    private static bool IsClearing(string account) => account is ChartOfAccounts.KliringMidtrans or ChartOfAccounts.KliringXendit ||
        account.StartsWith(ChartOfAccounts.StandardClearingPrefix, StringComparison.Ordinal);

    private static void CheckJournals(string member, List<JournalEntry> entries, List<string> problems)
    {
        foreach (var e in entries.Where(e => !e.IsBalanced))
        {
            problems.Add($"member {member}: journal {e.TransactionId} does not balance");
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Sequence != i + 1)
            {
                problems.Add($"member {member}: journal sequence has a gap or repeat at {entries[i].Sequence}");
                break;
            }
        }
    }

    private static void CheckBalances(string member, List<JournalEntry> entries, TableEntity? balanceRow, List<string> problems)
    {
        var running = MemberBalances.Zero;
        foreach (var e in entries)
        {
            running = running.Apply(e.Lines);
            if (running.AnySavingsNegative)
            {
                problems.Add($"member {member}: a balance went negative after {e.TransactionId}");
            }
        }
        // The statement's order: a running balance a member is shown must never be negative either.
        var shown = MemberBalances.Zero;
        foreach (var e in entries.OrderBy(e => e.BusinessDate).ThenBy(e => e.Sequence))
        {
            shown = shown.Apply(e.Lines);
            if (shown.AnySavingsNegative)
            {
                problems.Add($"member {member}: a running balance in statement order (business date {LedgerKeys.Date(e.BusinessDate)}) went negative after {e.TransactionId}");
                break;
            }
        }
        var stored = balanceRow is null ? MemberBalances.Zero : BalanceRow.Read(balanceRow);
        if (stored != running)
        {
            problems.Add($"member {member}: stored balances {stored} differ from the sum of entries {running}");
        }
    }

    private static void CheckMarkers(string member, List<JournalEntry> entries, List<TableEntity> markers, List<string> problems)
    {
        var journalIds = entries.GroupBy(e => e.TransactionId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (id, count) in journalIds.Where(j => j.Value > 1))
        {
            problems.Add($"member {member}: transaction {id} was posted {count} times");
        }
        foreach (var marker in markers)
        {
            var id = marker.RowKey[LedgerKeys.MarkerPrefix.Length..];
            var isPosted = marker.GetString(PostingMarker.Status) == TransactionStatus.Posted;
            if (isPosted != journalIds.ContainsKey(id))
            {
                problems.Add($"member {member}: marker of {id} says {marker.GetString(PostingMarker.Status)} but {(isPosted ? "no" : "a")} journal exists");
            }
        }
        foreach (var id in journalIds.Keys.Where(id => markers.All(m => m.RowKey != LedgerKeys.Marker(id))))
        {
            problems.Add($"member {member}: journal {id} has no marker");
        }
    }

    private static void CheckRollups(string member, List<JournalEntry> entries, List<TableEntity> rows, List<string> problems)
    {
        foreach (var (prefix, keyOf) in new (string, Func<JournalEntry, string>)[]
                 { (LedgerKeys.MonthPrefix, e => LedgerKeys.Month(e.BusinessDate)), (LedgerKeys.DayPrefix, e => LedgerKeys.Day(e.BusinessDate)) })
        {
            var expected = new Dictionary<string, Dictionary<string, (long Debit, long Credit)>>();
            foreach (var e in entries)
            {
                var bucket = expected.TryGetValue(keyOf(e), out var b) ? b : expected[keyOf(e)] = [];
                foreach (var l in e.Lines)
                {
                    var t = bucket.GetValueOrDefault(l.Account);
                    bucket[l.Account] = (t.Debit + l.Debit, t.Credit + l.Credit);
                }
            }
            var actual = rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(r => r.RowKey, TotalsOf);
            // The copy the balances row keeps of its latest day and month is what postings dated then read instead of the rows.
            if (rows.FirstOrDefault(r => r.RowKey == LedgerKeys.BalanceRow) is { } balanceRow)
            {
                foreach (var key in RollupHead.CopiedKeys(balanceRow).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    if (RollupHead.CopyOf(balanceRow, key) is { } copy && !SameTotals(TotalsOf(copy), actual.GetValueOrDefault(key) ?? []))
                    {
                        problems.Add($"member {member}: the balances row's copy of rollup {key} differs from the row");
                    }
                }
            }
            foreach (var key in expected.Keys.Union(actual.Keys))
            {
                var e = expected.GetValueOrDefault(key) ?? [];
                var a = actual.GetValueOrDefault(key) ?? [];
                if (!SameTotals(e, a))
                {
                    problems.Add($"member {member}: rollup {key} differs from its journals");
                }
            }
        }
    }

    private static Dictionary<string, (long Debit, long Credit)> TotalsOf(TableEntity row)
    {
        var totals = new Dictionary<string, (long Debit, long Credit)>();
        Rollup.AccumulateInto(row, totals);
        return totals;
    }

    private static bool SameTotals(Dictionary<string, (long Debit, long Credit)> e, Dictionary<string, (long Debit, long Credit)> a) =>
        e.Count == a.Count && e.All(kv => a.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
