using Azure.Data.Tables;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Bench;

/// <summary>
/// Writes a member's postings straight into its ledger partition with the ledger's own building blocks (savings rules,
/// marker, journal, balances, rollups) in one entity-group transaction: the rows LedgerPosting would write one by one.
/// Azurite answers a table query by scanning the whole table, so posting tens of thousands of transactions one at a
/// time would measure the emulator; the statements benchmark needs the data, not the posting.
/// </summary>
public static class LedgerSeeder
{
    public static async Task SeedMemberAsync(TableClient ledger, Cooperative cooperative, string memberId, IReadOnlyList<TransactionMessage> postings, DateTimeOffset now)
    {
        var partition = LedgerKeys.MemberPartition(cooperative.Id, memberId);
        var balances = MemberBalances.Zero;
        long sequence = 0;
        var rows = new List<ITableEntity>();
        var rollups = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var m in postings)
        {
            var businessDate = BusinessCalendar.BusinessDate(m.OccurredAt, cooperative);
            var outcome = SavingsRules.Apply(m, cooperative, balances, balances.Pokok > 0, null);
            if (outcome.Rejection is { } rejection)
            {
                rows.Add(PostingMarker.Rejected(partition, m, businessDate, balances, rejection, now));
                continue;
            }
            sequence++;
            balances = outcome.After;
            rows.Add(PostingMarker.Posted(partition, m, businessDate, balances, sequence, now));
            rows.Add(JournalEntry.Create(partition, sequence, m, businessDate, outcome, now));
            foreach (var key in new[] { LedgerKeys.Month(businessDate), LedgerKeys.Day(businessDate) })
            {
                rollups[key] = (TableEntity)Rollup.Add(partition, key, rollups.GetValueOrDefault(key), outcome.Lines).Entity;
            }
        }
        rows.Add(BalanceRow.Write(partition, null, balances, sequence).Entity);
        rows.AddRange(rollups.Values);
        if (rows.Count > 100)
        {
            throw new ArgumentException($"{rows.Count} rows do not fit one entity-group transaction (100).", nameof(postings));
        }
        await ledger.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
    }
}
