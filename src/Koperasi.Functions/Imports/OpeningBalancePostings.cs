using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Imports;

/// <summary>
/// A member's opening balances as a posting for the ledger: one <c>opening_balance</c> journal, Dr ekuitas_saldo_awal,
/// Cr each savings account with an amount (<see cref="TransactionMessage.Parts"/>). The id <c>saldo-awal:{member}</c>
/// identifies it: a client id cannot hold ':', and posting it again with the same amounts and date changes nothing,
/// while other amounts or another date are a conflict, never a second balance.
/// <para>
/// Imports before one journal per member posted one journal per account, <c>saldo-awal:{member}:{account}</c>. A member
/// with any of those markers is posted the same way again (<see cref="PerAccount"/>), so the ledger's own markers
/// still decide: a file imported before the change is never posted twice.
/// </para>
/// </summary>
public static class OpeningBalancePostings
{
    public static string Id(string memberId) => $"saldo-awal:{memberId}";

    /// <summary>The id an import before one journal per member gave one account's opening balance.</summary>
    public static string PerAccountId(string memberId, string account) => $"saldo-awal:{memberId}:{account}";

    public static PostingGroup For(string cooperativeId, ImportRow row, DateTimeOffset occurredAt, DateOnly asOf)
    {
        var parts = Amounts(row).ToDictionary(a => a.Account, a => a.Amount, StringComparer.Ordinal);
        var message = new TransactionMessage(cooperativeId, TransactionMessage.ImportSource, Id(row.MemberId), row.MemberId, TransactionKinds.OpeningBalance,
            parts.Keys.First(), parts.Values.Sum(), occurredAt, "Saldo awal", Description(asOf), Parts: parts);
        return new PostingGroup(cooperativeId, row.MemberId, [message]);
    }

    /// <summary>The member's opening balances as imports before one journal per member posted them: one journal per account, in one group.</summary>
    public static PostingGroup PerAccount(string cooperativeId, ImportRow row, DateTimeOffset occurredAt, DateOnly asOf) =>
        new(cooperativeId, row.MemberId, Amounts(row)
            .Select(a => new TransactionMessage(cooperativeId, TransactionMessage.ImportSource, PerAccountId(row.MemberId, a.Account), row.MemberId,
                TransactionKinds.OpeningBalance, a.Account, a.Amount, occurredAt, "Saldo awal", Description(asOf)))
            .ToList());

    private static IEnumerable<(string Account, long Amount)> Amounts(ImportRow row) =>
        new[] { (TransactionKinds.SimpananPokok, row.Pokok), (TransactionKinds.SimpananWajib, row.Wajib), (TransactionKinds.SimpananSukarela, row.Sukarela) }
            .Where(a => a.Item2 > 0);

    private static string Description(DateOnly asOf) => $"Saldo awal per {LedgerKeys.Date(asOf)}";
}
