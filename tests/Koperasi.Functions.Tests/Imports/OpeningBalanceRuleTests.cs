using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Imports;

/// <summary>The ledger's rule for an imported opening balance (saldo awal), without a host.</summary>
public sealed class OpeningBalanceRuleTests
{
    private static readonly Cooperative Coop = new("kc", "Koperasi", "Asia/Makassar", 100_000, 50_000, DateTimeOffset.UnixEpoch);

    private static TransactionMessage Opening(string account, long amount, string source = TransactionMessage.ImportSource) =>
        new("kc", source, "saldo-awal:m:" + account, "m", TransactionKinds.OpeningBalance, account, amount,
            new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.FromHours(8)), "Saldo awal", null);

    [Fact]
    public void Apply_OpeningBalance_CreditsTheAccountAgainstEkuitasSaldoAwal()
    {
        var outcome = SavingsRules.Apply(Opening(TransactionKinds.SimpananSukarela, 1_250_000), Coop, MemberBalances.Zero, false, null);

        Assert.Null(outcome.Rejection);
        Assert.Equal([new JournalLine("ekuitas_saldo_awal", 1_250_000, 0), new JournalLine("simpanan_sukarela", 0, 1_250_000)], outcome.Lines);
        Assert.Equal(1_250_000, outcome.After.Sukarela);
    }

    [Fact]
    public void Apply_OpeningBalancesOfThreeAccounts_OneJournalDebitsEkuitasTheTotalAndCreditsEachAccount()
    {
        var parts = new Dictionary<string, long> { ["simpanan_pokok"] = 100_000, ["simpanan_wajib"] = 1_200_000, ["simpanan_sukarela"] = 2_500_000 };
        var message = Opening(TransactionKinds.SimpananPokok, 3_800_000) with { Id = "saldo-awal:m", Parts = parts };

        var outcome = SavingsRules.Apply(message, Coop, MemberBalances.Zero, false, null);

        Assert.Null(outcome.Rejection);
        Assert.Equal(
            [new JournalLine("ekuitas_saldo_awal", 3_800_000, 0), new JournalLine("simpanan_pokok", 0, 100_000), new JournalLine("simpanan_wajib", 0, 1_200_000),
                new JournalLine("simpanan_sukarela", 0, 2_500_000)],
            outcome.Lines);
        Assert.Equal(new MemberBalances(100_000, 1_200_000, 2_500_000), outcome.After);
    }

    [Fact]
    public void Apply_OpeningPartsNotSummingToTheAmount_IsInvalid()
    {
        var message = Opening(TransactionKinds.SimpananWajib, 1_000_000) with { Parts = new Dictionary<string, long> { ["simpanan_wajib"] = 999_999 } };

        Assert.Equal("invalid_posting", SavingsRules.Apply(message, Coop, MemberBalances.Zero, false, null).Rejection?.Code);
    }

    [Fact]
    public void Apply_OpeningPokokOfAnOlderAmount_IsPosted()
    {
        var outcome = SavingsRules.Apply(Opening(TransactionKinds.SimpananPokok, 25_000), Coop, MemberBalances.Zero, false, null);

        Assert.Null(outcome.Rejection);
        Assert.Equal(25_000, outcome.After.Pokok);
    }

    [Fact]
    public void Apply_OpeningPokokWhenPokokIsPaid_IsRejected()
    {
        var outcome = SavingsRules.Apply(Opening(TransactionKinds.SimpananPokok, 100_000), Coop, new MemberBalances(100_000, 0, 0), true, null);

        Assert.Equal("pokok_already_paid", outcome.Rejection?.Code);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("midtrans")]
    public void Apply_OpeningBalanceFromAnotherSource_IsInvalid(string source)
    {
        var outcome = SavingsRules.Apply(Opening(TransactionKinds.SimpananWajib, 50_000, source), Coop, MemberBalances.Zero, false, null);

        Assert.Equal("invalid_posting", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_DepositFromTheImportSource_IsInvalid()
    {
        var deposit = Opening(TransactionKinds.SimpananWajib, 50_000) with { Kind = TransactionKinds.Deposit };

        var outcome = SavingsRules.Apply(deposit, Coop, MemberBalances.Zero, false, null);

        Assert.Equal("invalid_posting", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_OpeningBalanceForNoMember_IsRejectedUnknownMember()
    {
        var context = new PostingContext(MemberBalances.Zero, false, null, MemberBalances.Zero.Of, MemberKnown: false);

        var outcome = SavingsRules.Apply(Opening(TransactionKinds.SimpananWajib, 50_000), Coop, context);

        Assert.Equal("unknown_member", outcome.Rejection?.Code);
    }
}
