using Azure;
using Azure.Data.Tables;

namespace Koperasi.Functions.Ledger;

/// <summary>The member's balances row: balances per savings account, whether pokok is paid, and the last journal sequence.</summary>
public static class BalanceRow
{
    public const string Pokok = "Pokok";
    public const string Wajib = "Wajib";
    public const string Sukarela = "Sukarela";
    public const string PokokPaidColumn = "PokokPaid";
    public const string Sequence = "Sequence";

    public static MemberBalances Read(TableEntity row) =>
        new(row.GetInt64(Pokok) ?? 0, row.GetInt64(Wajib) ?? 0, row.GetInt64(Sukarela) ?? 0);

    public static bool PokokPaid(TableEntity row) => row.GetBoolean(PokokPaidColumn) ?? false;

    /// <summary>Insert when new (fails if another writer inserted first), else replace If-Match the ETag we read.</summary>
    public static TableTransactionAction Write(string partition, TableEntity? existing, MemberBalances after, long sequence)
    {
        var row = new TableEntity(partition, LedgerKeys.BalanceRow)
        {
            [Pokok] = after.Pokok,
            [Wajib] = after.Wajib,
            [Sukarela] = after.Sukarela,
            [PokokPaidColumn] = after.Pokok > 0,
            [Sequence] = sequence,
        };
        return existing is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag);
    }
}
