using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// A member's accounts in whole rupiah: the savings (credit-normal: what the cooperative owes the member) and
/// <see cref="PiutangPinjaman"/>, the principal of the member's loans still owed (debit-normal: what the member owes).
/// </summary>
public sealed record MemberBalances(long Pokok, long Wajib, long Sukarela, long PiutangPinjaman = 0)
{
    public static readonly MemberBalances Zero = new(0, 0, 0);

    /// <summary>The accounts a member's journals keep per member (and the balances row stores).</summary>
    public static readonly IReadOnlyList<string> MemberAccounts = [.. TransactionKinds.SavingsAccounts, ChartOfAccounts.PiutangPinjaman];

    public static bool IsMemberAccount(string account) => MemberAccounts.Contains(account);

    public long Of(string account) => account switch
    {
        TransactionKinds.SimpananPokok => Pokok,
        TransactionKinds.SimpananWajib => Wajib,
        TransactionKinds.SimpananSukarela => Sukarela,
        ChartOfAccounts.PiutangPinjaman => PiutangPinjaman,
        _ => throw new ArgumentException($"Not a member account: {account}", nameof(account)),
    };

    /// <summary>Adds to one account in its normal direction (a deposit to savings, a disbursement to piutang pinjaman).</summary>
    public MemberBalances Add(string account, long amount) => account switch
    {
        TransactionKinds.SimpananPokok => this with { Pokok = Pokok + amount },
        TransactionKinds.SimpananWajib => this with { Wajib = Wajib + amount },
        TransactionKinds.SimpananSukarela => this with { Sukarela = Sukarela + amount },
        ChartOfAccounts.PiutangPinjaman => this with { PiutangPinjaman = PiutangPinjaman + amount },
        _ => throw new ArgumentException($"Not a member account: {account}", nameof(account)),
    };

    /// <summary>The change a journal line makes to a member account in that account's normal direction; 0 for other accounts.</summary>
    public static long ChangeOf(JournalLine line) => line.Account switch
    {
        ChartOfAccounts.PiutangPinjaman => line.Debit - line.Credit,
        _ when TransactionKinds.SavingsAccounts.Contains(line.Account) => line.Credit - line.Debit,
        _ => 0,
    };

    /// <summary>These balances after a journal's lines (lines on other accounts change nothing here).</summary>
    public MemberBalances Apply(IEnumerable<JournalLine> lines) =>
        lines.Where(l => IsMemberAccount(l.Account)).Aggregate(this, (b, l) => b.Add(l.Account, ChangeOf(l)));

    /// <summary>The balances the given journals add up to, from zero.</summary>
    public static MemberBalances Sum(IEnumerable<JournalEntry> entries) => entries.Aggregate(Zero, (b, e) => b.Apply(e.Lines));

    public bool AnySavingsNegative => Pokok < 0 || Wajib < 0 || Sukarela < 0;

    public IReadOnlyDictionary<string, long> ToMap() => new Dictionary<string, long>
    {
        [TransactionKinds.SimpananPokok] = Pokok,
        [TransactionKinds.SimpananWajib] = Wajib,
        [TransactionKinds.SimpananSukarela] = Sukarela,
        [ChartOfAccounts.PiutangPinjaman] = PiutangPinjaman,
    };
}
