using Azure.Data.Tables;
using Koperasi.Functions.Cooperatives;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The member's balances row: balances per savings account and the principal owed on loans, whether pokok is paid, the last journal sequence, the
/// latest business date posted, and the last month whose statement was computed for this member
/// (<see cref="ClosedThroughColumn"/>). Every posting writes this row If-Match, so a statement that stamps it first
/// makes any posting that read it before retry and see the month closed.
/// </summary>
public static class BalanceRow
{
    public const string Pokok = "Pokok";
    public const string Wajib = "Wajib";
    public const string Sukarela = "Sukarela";
    public const string PiutangPinjaman = "PiutangPinjaman";
    public const string PokokPaidColumn = "PokokPaid";
    public const string Sequence = "Sequence";
    public const string LastBusinessDateColumn = "LastBusinessDate";
    public const string ClosedThroughColumn = "ClosedThrough";
    /// <summary>Set while the partition's postings were for no known member (money held in dana titipan).</summary>
    public const string UnidentifiedColumn = "Unidentified";
    /// <summary>The business date the member exited (keluar anggota); every later posting for the member is refused or, from a provider, held in dana titipan.</summary>
    public const string ExitedOnColumn = "ExitedOn";

    public static MemberBalances Read(TableEntity row) =>
        new(row.GetInt64(Pokok) ?? 0, row.GetInt64(Wajib) ?? 0, row.GetInt64(Sukarela) ?? 0, row.GetInt64(PiutangPinjaman) ?? 0);

    /// <summary>Whether the row belongs to a member the posting last found in the member directory.</summary>
    public static bool IsMember(TableEntity row) => !(row.GetBoolean(UnidentifiedColumn) ?? false);

    /// <summary>The latest business date any journal of the member has; null when unknown (a row written before the column existed).</summary>
    public static DateOnly? LastBusinessDate(TableEntity row) => row.GetString(LastBusinessDateColumn) is { } text ? LedgerKeys.ParseDate(text) : null;

    /// <summary>Whether a journal of the member may be dated after <paramref name="date"/> (unknown on a row older than the column: yes).</summary>
    public static bool MayHaveJournalsAfter(TableEntity? row, DateOnly date) => row is not null && (LastBusinessDate(row) is not { } last || last > date);

    /// <summary>The closing that counts for a posting: the later of the cooperative's (possibly cached) and the member's own, stamped by its statement.</summary>
    public static DateOnly? ClosedThrough(Cooperative cooperative, TableEntity? row) =>
        ClosedThrough(row) is { } member && (cooperative.ClosedThrough is not { } c || member > c) ? member : cooperative.ClosedThrough;

    /// <summary>The first day of the last month closed for this member by its statement, or null.</summary>
    public static DateOnly? ClosedThrough(TableEntity? row) => row?.GetString(ClosedThroughColumn) is { } text ? LedgerKeys.ParseDate(text) : null;

    /// <summary>The business date of the member's exit, or null while a member.</summary>
    public static DateOnly? ExitedOn(TableEntity? row) => row?.GetString(ExitedOnColumn) is { } text ? LedgerKeys.ParseDate(text) : null;

    /// <summary>Insert when new (fails if another writer inserted first), else replace If-Match the ETag we read; the chain head and the exit are kept unless new ones are given.</summary>
    public static TableTransactionAction Write(
        string partition, TableEntity? existing, MemberBalances after, long sequence, DateOnly lastBusinessDate, bool member = true, string? chainHead = null,
        DateOnly? exitedOn = null)
    {
        var row = new TableEntity(partition, LedgerKeys.BalanceRow)
        {
            [Pokok] = after.Pokok,
            [Wajib] = after.Wajib,
            [Sukarela] = after.Sukarela,
            [PiutangPinjaman] = after.PiutangPinjaman,
            [PokokPaidColumn] = after.Pokok > 0,
            [Sequence] = sequence,
            [LastBusinessDateColumn] = LedgerKeys.Date(lastBusinessDate),
            [ClosedThroughColumn] = existing?.GetString(ClosedThroughColumn),
            [UnidentifiedColumn] = !member,
            [Audit.JournalChain.HeadColumn] = chainHead ?? existing?.GetString(Audit.JournalChain.HeadColumn),
            [ExitedOnColumn] = exitedOn is { } exited ? LedgerKeys.Date(exited) : existing?.GetString(ExitedOnColumn),
        };
        return existing is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag);
    }
}
