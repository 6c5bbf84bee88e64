using Azure.Data.Tables;
using Koperasi.Functions.Audit;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// One pass of a member's posting group over what was read of the member's partition: applies the items one after
/// another in memory (balances, sequence, rollups, markers, the loans they pay) and collects one entity-group transaction of at most
/// <see cref="MaxEntities"/> entities. Items that do not fit wait for the next pass. No I/O: the caller reads and commits.
/// </summary>
public sealed class PostingPass
{
    /// <summary>Table Storage's limit for one entity-group transaction.</summary>
    public const int MaxEntities = 100;

    private readonly string partition;
    private readonly Cooperative cooperative;
    private readonly TableEntity? balanceRow;
    private readonly IReadOnlyDictionary<string, TableEntity> stored;
    private readonly bool memberKnown;
    private readonly DateTimeOffset now;
    private readonly Dictionary<string, TableEntity> rollups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableEntity> markers = new(StringComparer.Ordinal);
    /// <summary>Reversed posting markers changed in this pass: the new total reversed of each.</summary>
    private readonly Dictionary<string, long> reversedTotals = new(StringComparer.Ordinal);
    private readonly List<TableTransactionAction> appended = [];
    /// <summary>Loans changed in this pass, by row key: written with the balances, If-Match the ETag read.</summary>
    private readonly Dictionary<string, Loan> loans = new(StringComparer.Ordinal);
    private MemberBalances balances;
    private long sequence;
    /// <summary>The hash of the partition's last journal: each journal of the pass is sealed onto it (<see cref="JournalChain"/>).</summary>
    private string chainHead;
    private DateOnly? lastBusinessDate;
    /// <summary>The member's exit date (from the balances row, or the exit posted in this pass): later postings are refused.</summary>
    private DateOnly? exitedOn;
    private bool balancesChanged;

    public PostingPass(string partition, Cooperative cooperative, TableEntity? balanceRow, IReadOnlyDictionary<string, TableEntity> stored, bool memberKnown, DateTimeOffset now)
    {
        this.partition = partition;
        this.cooperative = cooperative;
        this.balanceRow = balanceRow;
        this.stored = stored;
        this.memberKnown = memberKnown;
        this.now = now;
        balances = balanceRow is null ? MemberBalances.Zero : BalanceRow.Read(balanceRow);
        sequence = balanceRow?.GetInt64(BalanceRow.Sequence) ?? 0;
        chainHead = JournalChain.HeadOf(balanceRow);
        lastBusinessDate = balanceRow is null ? null : BalanceRow.LastBusinessDate(balanceRow);
        exitedOn = BalanceRow.ExitedOn(balanceRow);
    }

    /// <summary>As the balances row records it after each posting: pokok is paid while its balance is above zero.</summary>
    private bool PokokPaid => balances.Pokok > 0;

    public DateOnly? ClosedThrough => BalanceRow.ClosedThrough(cooperative, balanceRow);

    public int EntityCount => appended.Count + rollups.Count + reversedTotals.Count + loans.Count + (balancesChanged ? 1 : 0);

    /// <summary>The loans this pass moved to another status (closed, written off, active), for the status index to follow.</summary>
    public IEnumerable<Loan> LoansWithNewStatus() =>
        loans.Where(l => LoanEntity.Read(stored[l.Key]).Status != l.Value.Status).Select(l => l.Value);

    /// <summary>The loan under the id as this pass sees it: changed earlier in the pass, else as read; null when the member has no such loan.</summary>
    public Loan? LoanOf(string loanId) =>
        loans.GetValueOrDefault(LoanKeys.LoanRow(loanId)) ?? (stored.GetValueOrDefault(LoanKeys.LoanRow(loanId)) is { } row ? LoanEntity.Read(row) : null);

    /// <summary>Every loan of the member as this pass sees it; complete only when the loan rows were read (a member's exit reads them all).</summary>
    public IReadOnlyList<Loan> MemberLoans() => stored.Keys.Where(k => k.StartsWith(LoanKeys.LoanPrefix, StringComparison.Ordinal))
        .Select(k => loans.GetValueOrDefault(k) ?? LoanEntity.Read(stored[k])).ToList();

    public DateOnly BusinessDateOf(TransactionMessage m) => BusinessCalendar.BusinessDate(m, cooperative, ClosedThrough);

    /// <summary>The id's marker, stored or written earlier in this pass.</summary>
    public TableEntity? MarkerOf(string transactionId) =>
        markers.GetValueOrDefault(LedgerKeys.Marker(transactionId)) ?? stored.GetValueOrDefault(LedgerKeys.Marker(transactionId));

    /// <summary>
    /// Decides one item and, when its writes fit this transaction, adds them: the outcome, or null when the item must
    /// wait for the next pass (the transaction is full, or it reverses a posting written in this very pass).
    /// </summary>
    public RuleOutcome? TryApply(TransactionMessage m)
    {
        var businessDate = BusinessDateOf(m);
        var original = m.Reverses is { } reverses ? stored.GetValueOrDefault(LedgerKeys.Marker(reverses)) : null;
        if (m.Reverses is { } r && markers.ContainsKey(LedgerKeys.Marker(r)))
        {
            return null;
        }
        var reversed = original is null ? null : PostingMarker.AsReversed(original) is { } found
            ? found with { AlreadyReversed = reversedTotals.GetValueOrDefault(original.RowKey, found.AlreadyReversed) }
            : null;
        var loan = m.LoanId is { } loanId ? LoanOf(loanId) : null;
        var context = new PostingContext(balances, PokokPaid, reversed, account => Available(account, businessDate), memberKnown, loan);
        var outcome = exitedOn is { } exited ? MemberExitRules.AfterExit(m, context, exited)
            : m.Kind == TransactionKinds.MemberExit ? MemberExitRules.Apply(m, businessDate, context, MemberLoans(), cooperative.ExitPolicy, lastBusinessDate)
            : TransactionKinds.IsBooksKind(m.Kind) ? Books.JournalRules.Apply(m, context)
            : m.Kind == TransactionKinds.ShuDistribution ? Books.ShuRules.Apply(m, context)
            : TransactionKinds.IsLoanKind(m.Kind) ? LoanRules.Apply(m, businessDate, context) : SavingsRules.Apply(m, cooperative, context);
        if (EntityCount + NewEntities(m, outcome, businessDate, original) > MaxEntities)
        {
            return null;
        }
        if (outcome.Rejection is { } rejection)
        {
            // The lifecycle's own postings (disbursement, write-off) answer a refusal at once and keep no marker, so the
            // same step can be asked again once the reason is gone.
            if (!TransactionKinds.IsLifecycleKind(m.Kind) && !TransactionKinds.IsBooksKind(m.Kind))
            {
                Append(PostingMarker.Rejected(partition, m, businessDate, balances, rejection, now));
            }
            return outcome;
        }
        if (outcome.Loan is { } loanAfter)
        {
            loans[LoanKeys.LoanRow(loanAfter.Id)] = loanAfter;
        }
        foreach (var settled in outcome.SettledLoans)
        {
            loans[LoanKeys.LoanRow(settled.Id)] = settled;
        }
        if (m.Kind == TransactionKinds.MemberExit)
        {
            exitedOn = businessDate;
        }
        sequence++;
        balances = outcome.After;
        balancesChanged = true;
        lastBusinessDate = Later(lastBusinessDate, businessDate);
        Append(PostingMarker.Posted(partition, m, businessDate, outcome, sequence, now));
        var journal = JournalEntry.Create(partition, sequence, m, businessDate, outcome, now);
        chainHead = JournalChain.Seal(journal, chainHead);
        appended.Add(new TableTransactionAction(TableTransactionActionType.Add, journal));
        if (TransactionKinds.IsBooksKind(m.Kind))
        {
            // The general journal's listing by date (and the original's reversedBy) change with the journal itself.
            appended.AddRange(Books.GeneralJournalRows.Actions(partition, m, businessDate, sequence, original, now));
        }
        foreach (var key in new[] { LedgerKeys.Month(businessDate), LedgerKeys.Day(businessDate) })
        {
            Rollup.Apply(WorkingRollup(key), outcome.Lines, sequence);
        }
        if (reversed is not null && outcome.ReversedPart > 0)
        {
            reversedTotals[original!.RowKey] = reversed.AlreadyReversed + outcome.ReversedPart;
        }
        return outcome;
    }

    /// <summary>Every write of the pass, for one entity-group transaction (empty when nothing was decided).</summary>
    public IReadOnlyList<TableTransactionAction> Actions()
    {
        var actions = new List<TableTransactionAction>(appended);
        if (balancesChanged)
        {
            var balanceWrite = BalanceRow.Write(partition, balanceRow, balances, sequence, lastBusinessDate!.Value, memberKnown, chainHead, exitedOn);
            RollupHead.Pack((TableEntity)balanceWrite.Entity, lastBusinessDate.Value, RollupAsWritten(LedgerKeys.Day(lastBusinessDate.Value)),
                RollupAsWritten(LedgerKeys.Month(lastBusinessDate.Value)));
            actions.Add(balanceWrite);
            actions.AddRange(rollups.Values.Select(row => Rollup.Write(row, stored.GetValueOrDefault(row.RowKey))));
        }
        actions.AddRange(reversedTotals.Select(r => PostingMarker.SetReversed(stored[r.Key], r.Value)));
        actions.AddRange(loans.Select(l => new TableTransactionAction(TableTransactionActionType.UpdateReplace, LoanEntity.Write(partition, l.Value), stored[l.Key].ETag)));
        return actions;
    }

    /// <summary>
    /// What a debit to a savings account at <paramref name="date"/> can take: the lowest running balance, in the
    /// statement's order, from that date's end onwards (later days' low-water marks included), which is never more
    /// than the balance now. The caller has read every day row after <paramref name="date"/>.
    /// </summary>
    public long Available(string account, DateOnly date)
    {
        var after = DayRows().Where(d => d.Date > date).OrderBy(d => d.Date).ToList();
        var running = balances.Of(account) - after.Sum(d => Rollup.Net(d.Row, account));
        var lowest = running;
        foreach (var (_, row) in after)
        {
            lowest = Math.Min(lowest, running + Rollup.Low(row, account));
            running += Rollup.Net(row, account);
        }
        return lowest;
    }

    private IEnumerable<(DateOnly Date, TableEntity Row)> DayRows() =>
        stored.Values.Where(r => !rollups.ContainsKey(r.RowKey)).Concat(rollups.Values)
            .Where(r => r.RowKey.StartsWith(LedgerKeys.DayPrefix, StringComparison.Ordinal))
            .Select(r => (LedgerKeys.ParseDate(r.RowKey[LedgerKeys.DayPrefix.Length..]), r));

    private int NewEntities(TransactionMessage m, RuleOutcome outcome, DateOnly businessDate, TableEntity? original)
    {
        if (outcome.Rejection is not null)
        {
            return 1;
        }
        var count = 2 + (balancesChanged ? 0 : 1) + (outcome.Loan is not null && !loans.ContainsKey(LoanKeys.LoanRow(m.LoanId!)) ? 1 : 0);
        count += outcome.SettledLoans.Count(l => !loans.ContainsKey(LoanKeys.LoanRow(l.Id)));
        count += new[] { LedgerKeys.Month(businessDate), LedgerKeys.Day(businessDate) }.Count(k => !rollups.ContainsKey(k));
        count += TransactionKinds.IsBooksKind(m.Kind) ? Books.GeneralJournalRows.Count(m) : 0;
        return count + (original is not null && !reversedTotals.ContainsKey(original.RowKey) ? 1 : 0);
    }

    private void Append(TableEntity marker)
    {
        markers[marker.RowKey] = marker;
        appended.Add(new TableTransactionAction(TableTransactionActionType.Add, marker));
    }

    private TableEntity WorkingRollup(string rowKey)
    {
        if (!rollups.TryGetValue(rowKey, out var row))
        {
            rollups[rowKey] = row = Rollup.Working(partition, rowKey, stored.GetValueOrDefault(rowKey));
        }
        return row;
    }

    /// <summary>The rollup row as this pass leaves it: changed in the pass, else as read or copied on the balances row; null when unknown.</summary>
    private TableEntity? RollupAsWritten(string rowKey) =>
        rollups.GetValueOrDefault(rowKey) ?? stored.GetValueOrDefault(rowKey) ?? (balanceRow is null ? null : RollupHead.CopyOf(balanceRow, rowKey));

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
