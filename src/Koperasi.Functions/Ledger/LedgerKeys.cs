using System.Globalization;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The <c>ledger</c> table: one partition per member (<c>{cooperativeId}|m|{memberId}</c>), so a member's journal
/// entries, idempotency markers, balances and rollups change together in one entity-group transaction, and
/// posting throughput grows with the number of members (no shared hot partition).
/// </summary>
public static class LedgerKeys
{
    public const string BalanceRow = "balance";
    public const string MarkerPrefix = "tx|";
    public const string JournalPrefix = "j|";
    public const string MonthPrefix = "month|";
    public const string DayPrefix = "day|";
    /// <summary>Just past every day row: <c>RowKey lt DaysEnd</c> closes a range of day rows.</summary>
    public const string DaysEnd = "day}";

    public static string MemberPartition(string cooperativeId, string memberId) => $"{cooperativeId}|m|{memberId}";

    /// <summary>
    /// The ledger's "member" for provider money that matched no member yet: never a real member number ('~' is not
    /// allowed in one), so its postings land in <c>dana_titipan</c> until the treasurer assigns the payment.
    /// </summary>
    public const string Unidentified = "~titipan";

    /// <summary>
    /// The ledger's holder for the cooperative's own general journal (jurnal umum: expenses, other income, year-end
    /// closing, SHU allocations): a partition of its own that no member posting touches, so it is never hot.
    /// </summary>
    public const string GeneralJournal = "~umum";

    /// <summary>Bounds of every member partition of one cooperative: [From, To).</summary>
    public static (string From, string To) CooperativeRange(string cooperativeId) => ($"{cooperativeId}|m|", $"{cooperativeId}|m}}");

    public static string MemberIdOf(string partitionKey) => partitionKey[(partitionKey.IndexOf("|m|", StringComparison.Ordinal) + 3)..];

    /// <summary>The cooperative's list of rejected and adjusted postings, for the treasurer (written only for those, so not hot).</summary>
    public static string ReviewPartition(string cooperativeId) => $"{cooperativeId}|review";

    public static string Marker(string transactionId) => MarkerPrefix + transactionId;

    public static string Journal(long sequence) => JournalPrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static string Month(DateOnly date) => MonthPrefix + date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => DayPrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Rollup columns: <c>Dr_{account}</c> and <c>Cr_{account}</c>.</summary>
    public static string DebitColumn(string account) => "Dr_" + account;

    public static string CreditColumn(string account) => "Cr_" + account;
}
