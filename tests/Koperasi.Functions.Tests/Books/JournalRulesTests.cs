using Koperasi.Functions.Books;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Books;

/// <summary>The journal rules and the closing lines, without storage.</summary>
public sealed class JournalRulesTests
{
    private static TransactionMessage Journal(string? reverses = null, params JournalLine[] lines) =>
        new("c", TransactionMessage.ApiSource, "gj-1", LedgerKeys.GeneralJournal, TransactionKinds.Journal, "", lines.Sum(l => l.Debit),
            DateTimeOffset.UnixEpoch, null, "x", reverses, Lines: lines);

    private static readonly JournalLine[] Rent = [new("beban_sewa", 500, 0), new("kas", 0, 500)];

    [Fact]
    public void Apply_BalancedEntry_PostsItsLinesAndLeavesMemberBalances()
    {
        var outcome = JournalRules.Apply(Journal(null, Rent), PostingContext.Current(MemberBalances.Zero, false));

        Assert.Null(outcome.Rejection);
        Assert.Equal(Rent, outcome.Lines);
        Assert.Equal(MemberBalances.Zero, outcome.After);
    }

    [Fact]
    public void Apply_LinesThatDoNotBalance_Rejects()
    {
        var outcome = JournalRules.Apply(Journal(null, new("beban_sewa", 500, 0), new("kas", 0, 499)), PostingContext.Current(MemberBalances.Zero, false));

        Assert.Equal("invalid_journal", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_SavingsAccountLine_Rejects()
    {
        var outcome = JournalRules.Apply(Journal(null, new("simpanan_sukarela", 500, 0), new("kas", 0, 500)), PostingContext.Current(MemberBalances.Zero, false));

        Assert.Equal("member_account", outcome.Rejection?.Code);
    }

    [Fact]
    public void Apply_ReversalOfAnEntryAlreadyReversed_Rejects()
    {
        var reversed = new ReversedPosting("gj-0", TransactionKinds.Journal, "", 500, 500, "");

        var outcome = JournalRules.Apply(Journal("gj-0", [new("kas", 500, 0), new("beban_sewa", 0, 500)]), PostingContext.Current(MemberBalances.Zero, false, reversed));

        Assert.Equal("already_reversed", outcome.Rejection?.Code);
    }

    [Fact]
    public void ClosingLines_YearWithALoss_DebitsShuTahunBerjalan()
    {
        var movements = new Dictionary<string, (long Debit, long Credit)>
        {
            ["pendapatan_lain"] = (100, 1_100), ["beban_gaji"] = (1_500, 0), ["kas"] = (9_999, 1), ["beban_sewa"] = (200, 200),
        };

        var lines = YearClose.ClosingLines(movements, new CooperativeChart(CooperativeChart.Starter()));

        Assert.Equal([new("beban_gaji", 0, 1_500), new("pendapatan_lain", 1_000, 0), new(ChartOfAccounts.ShuTahunBerjalan, 500, 0)], lines);
    }
}
