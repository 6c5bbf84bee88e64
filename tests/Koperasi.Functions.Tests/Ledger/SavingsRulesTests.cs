using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Ledger;

public sealed class SavingsRulesTests
{
    private static readonly Cooperative Coop = new("kc", "Koperasi", "Asia/Makassar", 100_000, 50_000, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Apply_DepositFromApi_DebitsKasAndCreditsTheSavingsAccount()
    {
        var outcome = SavingsRules.Apply(Postings.Deposit("kc", "m", TransactionKinds.SimpananSukarela, 25_000), Coop, MemberBalances.Zero, false, null);

        Assert.Null(outcome.Rejection);
        Assert.Equal([new JournalLine("kas", 25_000, 0), new JournalLine("simpanan_sukarela", 0, 25_000)], outcome.Lines);
        Assert.Equal(25_000, outcome.After.Sukarela);
    }

    [Theory]
    [InlineData("midtrans", "kliring_midtrans")]
    [InlineData("xendit", "kliring_xendit")]
    [InlineData("standard:acme_pay", "kliring_std_acme_pay")]
    public void Apply_DepositFromProvider_UsesTheProvidersClearingAccount(string source, string contra)
    {
        var outcome = SavingsRules.Apply(Postings.Deposit("kc", "m", TransactionKinds.SimpananWajib, 50_000, source: source), Coop, MemberBalances.Zero, false, null);

        Assert.Equal(contra, outcome.Lines[0].Account);
        Assert.Equal(50_000, outcome.Lines[0].Debit);
    }

    [Fact]
    public void Apply_PokokOfTheWrongAmount_IsRejected()
    {
        var outcome = SavingsRules.Apply(Postings.Deposit("kc", "m", TransactionKinds.SimpananPokok, 99_999), Coop, MemberBalances.Zero, false, null);
        Assert.Equal("pokok_amount_mismatch", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_PokokTwice_IsRejected()
    {
        var outcome = SavingsRules.Apply(Postings.Deposit("kc", "m", TransactionKinds.SimpananPokok, 100_000), Coop, new MemberBalances(100_000, 0, 0), true, null);
        Assert.Equal("pokok_already_paid", outcome.Rejection?.Code);
    }

    [Theory]
    [InlineData(TransactionKinds.SimpananPokok)]
    [InlineData(TransactionKinds.SimpananWajib)]
    public void Apply_WithdrawalOfPokokOrWajib_IsNotWithdrawable(string account)
    {
        var message = Postings.Withdrawal("kc", "m", 1_000) with { Account = account };
        var outcome = SavingsRules.Apply(message, Coop, new MemberBalances(100_000, 100_000, 0), true, null);
        Assert.Equal("not_withdrawable", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_SukarelaOverdraft_IsRejectedWithTheBalanceInTheMessage()
    {
        var outcome = SavingsRules.Apply(Postings.Withdrawal("kc", "m", 10_001), Coop, new MemberBalances(0, 0, 10_000), false, null);
        Assert.Equal("insufficient_balance", outcome.Rejection?.Code);
        Assert.Contains("Rp10.000", outcome.Rejection?.Message);
    }

    [Fact]
    public void Apply_WithdrawalOfTheWholeBalance_LeavesZero()
    {
        var outcome = SavingsRules.Apply(Postings.Withdrawal("kc", "m", 10_000), Coop, new MemberBalances(0, 0, 10_000), false, null);
        Assert.Null(outcome.Rejection);
        Assert.Equal(0, outcome.After.Sukarela);
        Assert.Equal([new JournalLine("simpanan_sukarela", 10_000, 0), new JournalLine("kas", 0, 10_000)], outcome.Lines);
    }

    [Fact]
    public void Apply_SystemReversalBeyondWhatIsLeft_IsRejected()
    {
        var reversal = Postings.Deposit("kc", "m", TransactionKinds.SimpananSukarela, 6_000, source: "api") with { Kind = TransactionKinds.Reversal, Reverses = "orig" };
        var original = new ReversedPosting("orig", TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 10_000, 5_000);
        var outcome = SavingsRules.Apply(reversal, Coop, new MemberBalances(0, 0, 10_000), false, original);
        Assert.Equal("reversal_exceeds_original", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_PartialReversal_CreditsTheClearingAccountBack()
    {
        var reversal = Postings.Deposit("kc", "m", TransactionKinds.SimpananSukarela, 4_000, source: "midtrans") with { Kind = TransactionKinds.Reversal, Reverses = "orig" };
        var original = new ReversedPosting("orig", TransactionKinds.Deposit, TransactionKinds.SimpananSukarela, 10_000, 5_000);
        var outcome = SavingsRules.Apply(reversal, Coop, new MemberBalances(0, 0, 10_000), false, original);
        Assert.Null(outcome.Rejection);
        Assert.Equal([new JournalLine("simpanan_sukarela", 4_000, 0), new JournalLine("kliring_midtrans", 0, 4_000)], outcome.Lines);
    }

    [Fact]
    public void Apply_SystemReversalOfUnknownPosting_IsRejected()
    {
        var reversal = Postings.Deposit("kc", "m", TransactionKinds.SimpananSukarela, 4_000, source: "api") with { Kind = TransactionKinds.Reversal, Reverses = "nope" };
        var outcome = SavingsRules.Apply(reversal, Coop, new MemberBalances(0, 0, 10_000), false, null);
        Assert.Equal("reversed_posting_not_found", outcome.Rejection?.Code);
    }

    [Theory]
    [InlineData("2026-10-31T15:59:59Z", "2026-10-31")]
    [InlineData("2026-10-31T16:30:00Z", "2026-11-01")]
    [InlineData("2026-11-01T00:30:00+08:00", "2026-11-01")]
    [InlineData("2026-10-31T23:30:00+07:00", "2026-11-01")]
    public void BusinessDate_IsTheDateInTheCooperativesZone(string occurredAt, string expected)
    {
        var date = BusinessCalendar.BusinessDate(DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture), Coop);
        Assert.Equal(expected, LedgerKeys.Date(date));
    }

    [Fact]
    public void BusinessDate_InAClosedMonth_IsTheFirstDayOfTheOpenPeriod()
    {
        var closed = Coop with { ClosedThrough = new DateOnly(2026, 10, 1) };
        var date = BusinessCalendar.BusinessDate(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.FromHours(8)), closed);
        Assert.Equal(new DateOnly(2026, 11, 1), date);
    }

    [Theory]
    [InlineData(1_234_567, "Rp1.234.567")]
    [InlineData(0, "Rp0")]
    [InlineData(-50_000, "-Rp50.000")]
    public void Rupiah_Format_UsesIndonesianThousandsSeparators(long amount, string expected) => Assert.Equal(expected, Rupiah.Format(amount));
}
