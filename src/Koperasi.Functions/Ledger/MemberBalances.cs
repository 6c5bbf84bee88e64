using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>A member's savings balances in whole rupiah, per savings account.</summary>
public sealed record MemberBalances(long Pokok, long Wajib, long Sukarela)
{
    public static readonly MemberBalances Zero = new(0, 0, 0);

    public long Of(string account) => account switch
    {
        TransactionKinds.SimpananPokok => Pokok,
        TransactionKinds.SimpananWajib => Wajib,
        TransactionKinds.SimpananSukarela => Sukarela,
        _ => throw new ArgumentException($"Not a savings account: {account}", nameof(account)),
    };

    public MemberBalances Add(string account, long amount) => account switch
    {
        TransactionKinds.SimpananPokok => this with { Pokok = Pokok + amount },
        TransactionKinds.SimpananWajib => this with { Wajib = Wajib + amount },
        TransactionKinds.SimpananSukarela => this with { Sukarela = Sukarela + amount },
        _ => throw new ArgumentException($"Not a savings account: {account}", nameof(account)),
    };

    /// <summary>The balances the given journals add up to, from zero.</summary>
    public static MemberBalances Sum(IEnumerable<JournalEntry> entries) => entries.Aggregate(Zero, (b, e) => b.Add(e.Account, e.SavingsChange));

    public IReadOnlyDictionary<string, long> ToMap() => new Dictionary<string, long>
    {
        [TransactionKinds.SimpananPokok] = Pokok,
        [TransactionKinds.SimpananWajib] = Wajib,
        [TransactionKinds.SimpananSukarela] = Sukarela,
    };
}
