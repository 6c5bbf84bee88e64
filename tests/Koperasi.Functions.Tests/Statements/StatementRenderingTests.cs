using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Statements;

public sealed class StatementRenderingTests
{
    [Fact]
    public void Html_HasNoExternalResourcesOrStyleSheets()
    {
        var html = StatementHtml.Render(DemoStatement.October());

        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<meta name=\"viewport\"", html);
    }

    [Fact]
    public void Html_ShowsPeriodMemberOpeningRunningAndClosingBalances()
    {
        var html = StatementHtml.Render(DemoStatement.October());

        Assert.Contains("Laporan Simpanan Oktober 2026", html);
        Assert.Contains("Siti Rahayu", html);
        Assert.Contains("A-001", html);
        Assert.Contains("1 Oktober 2026 - 31 Oktober 2026 (WITA)", html);
        Assert.Contains("Saldo awal", html);
        Assert.Contains("-Rp75.000", html);
        Assert.Contains("+Rp1.250.000", html);
        Assert.Contains("data-closing=\"simpanan_sukarela\" style=\"padding:6px 4px;border-bottom:1px solid #e5e7eb;vertical-align:top;text-align:right;white-space:nowrap;font-weight:bold;\">Rp1.445.000<", html);
        Assert.Contains(">Rp1.645.000<", html);
    }

    [Fact]
    public void Html_LatePosting_ShowsItsOriginalDateAndWhy()
    {
        var html = StatementHtml.Render(DemoStatement.October());

        Assert.Contains("30 Sep*", html);
        Assert.Contains("tgl asli 30 Sep 2026", html);
        Assert.Contains("dibukukan pada 1 Oktober 2026", html);
    }

    [Fact]
    public void Html_Loans_ShowEachLoansFiguresAndNoSectionWithoutLoans()
    {
        var html = StatementHtml.Render(DemoStatement.OctoberWithLoans());

        Assert.Contains("Laporan Simpanan dan Pinjaman Oktober 2026", html);
        Assert.Contains(">Pinjaman</h2>", html);
        Assert.Contains("Pinjaman Umum (No. PJ-2026-0142)", html);
        Assert.Contains("data-figure=\"PJ-2026-0142:sisa-pokok\"", html);
        Assert.Contains(">Rp6.616.668<", html);
        Assert.Contains("Angsuran ke-6", html);
        Assert.Contains("Jatuh tempo 10 November 2026", html);
        Assert.Contains("21 hari sejak 10 Okt 2026", html);
        Assert.Contains("lunas", html);
        Assert.DoesNotContain("Pinjaman", StatementHtml.Render(DemoStatement.October()));
    }

    [Fact]
    public void Text_Loans_CarryTheSplitTheNextInstallmentAndArrears()
    {
        var text = StatementText.Render(DemoStatement.OctoberWithLoans());

        Assert.Contains("PINJAMAN", text);
        Assert.Contains("Sisa pokok per 31 Oktober 2026: Rp6.616.668", text);
        Assert.Contains("Pokok Rp883.333, Jasa Rp300.000, Denda Rp2.950", text);
        Assert.Contains("Angsuran berikutnya: ke-6, jatuh tempo 10 Nov 2026, Rp983.333", text);
        Assert.Contains("Tunggakan: Rp783.333 (21 hari sejak 10 Okt 2026), denda belum dibayar Rp14.883", text);
        Assert.DoesNotContain("PINJAMAN", StatementText.Render(DemoStatement.October()));
    }

    [Fact]
    public void Text_CarriesTheSameFigures()
    {
        var text = StatementText.Render(DemoStatement.October());

        Assert.Contains("LAPORAN SIMPANAN OKTOBER 2026", text);
        Assert.Contains("Siti Rahayu", text);
        Assert.Contains("30 Sep 2026*", text);
        Assert.Contains("-Rp75.000", text);
        Assert.Contains("Saldo akhir Rp1.645.000", text);
        Assert.DoesNotContain("<", text);
    }

    [Theory]
    [InlineData("2026-10", true, "Oktober 2026", "2026-10-31")]
    [InlineData("2024-02", true, "Februari 2024", "2024-02-29")]
    [InlineData("2026-00", false, null, null)]
    [InlineData("2026-1", false, null, null)]
    [InlineData("x", false, null, null)]
    public void Period_Parse(string text, bool ok, string? name, string? last)
    {
        Assert.Equal(ok, StatementPeriod.TryParse(text, out var period));
        if (ok)
        {
            Assert.Equal(name, period.Name);
            Assert.Equal(last, period.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
