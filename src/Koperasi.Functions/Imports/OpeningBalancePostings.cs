using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Imports;

/// <summary>
/// A member's opening balances as postings for the ledger: one <c>opening_balance</c> per savings account with an
/// amount, in one posting group (so one entity-group transaction of the member's partition). The id
/// <c>saldo-awal:{member}:{account}</c> identifies it: a client id cannot hold ':', and posting it again with the same
/// amount and date changes nothing, while another amount or date is a conflict, never a second balance.
/// </summary>
public static class OpeningBalancePostings
{
    public static string Id(string memberId, string account) => $"saldo-awal:{memberId}:{account}";

    public static PostingGroup For(string cooperativeId, ImportRow row, DateTimeOffset occurredAt, DateOnly asOf)
    {
        var items = new (string Account, long Amount)[]
            {
                (TransactionKinds.SimpananPokok, row.Pokok), (TransactionKinds.SimpananWajib, row.Wajib), (TransactionKinds.SimpananSukarela, row.Sukarela),
            }
            .Where(a => a.Amount > 0)
            .Select(a => new TransactionMessage(cooperativeId, TransactionMessage.ImportSource, Id(row.MemberId, a.Account), row.MemberId,
                TransactionKinds.OpeningBalance, a.Account, a.Amount, occurredAt, "Saldo awal", $"Saldo awal per {LedgerKeys.Date(asOf)}"))
            .ToList();
        return new PostingGroup(cooperativeId, row.MemberId, items);
    }
}
