using Azure.Data.Tables;
using Koperasi.Functions.Books.Reports;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Books;

/// <summary>
/// Writes a cooperative-level journal into the general journal's ledger partition (<c>{coop}|m|~umum</c>) in the
/// ledger's own row format: marker, journal and the day and month rollups, in one entity-group transaction. The
/// general journal's API (and the year close) are another branch's work; until they land, this is how the report tests
/// put expenses, non-member income and a closing journal where those will post them.
/// </summary>
public sealed class GeneralJournalRows(StorageAccount storage, string cooperativeId)
{
    private long sequence;

    public async Task PostAsync(string id, string kind, DateOnly date, IReadOnlyList<JournalLine> lines)
    {
        Assert.Equal(lines.Sum(l => l.Debit), lines.Sum(l => l.Credit));
        var table = await storage.TableAsync(StorageNames.LedgerTable);
        var partition = LedgerKeys.MemberPartition(cooperativeId, LedgerKeys.GeneralJournal);
        var occurredAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        var message = new TransactionMessage(cooperativeId, "books", id, LedgerKeys.GeneralJournal, kind, lines[0].Account, lines.Sum(l => l.Debit), occurredAt, id, "Jurnal umum");
        var outcome = RuleOutcome.Post(lines[0].Account, MemberBalances.Zero, [.. lines]);
        var now = DateTimeOffset.UtcNow;
        var next = Interlocked.Increment(ref sequence);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, PostingMarker.Posted(partition, message, date, outcome, next, now)),
            new(TableTransactionActionType.Add, JournalEntry.Create(partition, next, message, date, outcome, now)),
        };
        foreach (var key in new[] { LedgerKeys.Day(date), LedgerKeys.Month(date) })
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, key);
            actions.Add(Rollup.Add(partition, key, existing.HasValue ? existing.Value : null, lines));
        }
        await table.SubmitTransactionAsync(actions);
    }

    /// <summary>The year's closing journal as the year close will post it: each income and expense account's year balance into shu_tahun_berjalan.</summary>
    public Task CloseYearAsync(int year, IReadOnlyDictionary<string, long> incomeByAccount, IReadOnlyDictionary<string, long> expenseByAccount)
    {
        var lines = incomeByAccount.Where(i => i.Value != 0).Select(i => i.Value > 0 ? new JournalLine(i.Key, i.Value, 0) : new JournalLine(i.Key, 0, -i.Value))
            .Concat(expenseByAccount.Where(e => e.Value != 0).Select(e => e.Value > 0 ? new JournalLine(e.Key, 0, e.Value) : new JournalLine(e.Key, -e.Value, 0)))
            .ToList();
        var shu = incomeByAccount.Values.Sum() - expenseByAccount.Values.Sum();
        lines.Add(shu >= 0 ? new JournalLine(ChartOfAccounts.ShuTahunBerjalan, 0, shu) : new JournalLine(ChartOfAccounts.ShuTahunBerjalan, -shu, 0));
        return PostAsync(GeneralJournalReads.YearCloseId(year), GeneralJournalReads.YearCloseKind, new DateOnly(year, 12, 31), lines);
    }
}
