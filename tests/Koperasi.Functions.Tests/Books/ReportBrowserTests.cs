using System.Text;
using System.Text.RegularExpressions;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Books;

/// <summary>The reports' pages in a real browser: at a phone's width nothing scrolls sideways and every figure is on screen; printed, the pages are A4.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReportBrowserTests(ApiFixture fixture)
{
    private const int PhoneWidth = 360;

    public static TheoryData<string> Pages => new()
    {
        "/api/reports/financial-position?asOf=2025-12-31&format=html",
        "/api/reports/income?from=2025-01-01&to=2025-12-31&format=html",
        "/api/reports/equity-changes?year=2025&format=html",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ReportHtml_At360px_HasNoHorizontalOverflowAndEveryFigureOnScreen(string path)
    {
        var html = await PageAsync(path);

        var layout = await HeadlessChromium.MeasureAsync(html, PhoneWidth);

        Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= PhoneWidth, $"the page scrolls sideways: {layout}");
        var figures = layout.GetProperty("figures").EnumerateArray().ToList();
        Assert.NotEmpty(figures);
        Assert.All(figures, f => Assert.True(f.GetProperty("visible").GetBoolean(), $"figure not on screen: {f}"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ReportHtml_Printed_IsOnA4Pages(string path)
    {
        var html = await PageAsync(path);

        var pdf = Encoding.Latin1.GetString(await HeadlessChromium.PrintToPdfAsync(html));

        // A4 is 210 × 297 mm: 595.3 × 841.9 points.
        var boxes = MediaBox().Matches(pdf).Select(m => (double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(boxes);
        Assert.All(boxes, b => Assert.True(Math.Abs(b.Item1 - 595.3) < 2 && Math.Abs(b.Item2 - 841.9) < 2, $"a page of {b.Item1} × {b.Item2} points is not A4"));
    }

    private async Task<string> PageAsync(string path)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("H-001", "Ni Made Ayu Wiratni Kusumawardhani");
        await ReportSteps.SavingsAsync(coop, "H-001", "deposit", "simpanan_pokok", 100_000, new DateOnly(2025, 1, 10));
        await ReportSteps.SavingsAsync(coop, "H-001", "deposit", "simpanan_sukarela", 987_654_321, new DateOnly(2025, 3, 10));
        await ReportSteps.SavingsAsync(coop, "H-001", "withdrawal", "simpanan_sukarela", 123_456_789, new DateOnly(2025, 4, 10));
        var general = new JournalSteps(coop);
        await general.PostAsync("ju-1", new DateOnly(2025, 5, 5),
            [new("kas", 12_345_678, 0), new("pendapatan_lain", 0, 12_345_678)]);
        await general.PostAsync("ju-2", new DateOnly(2025, 6, 5),
            [new("beban_listrik_air", 1_234_567, 0), new("kas", 0, 1_234_567)]);
        await general.PostAsync("ju-3", new DateOnly(2025, 6, 6),
            [new("beban_operasional_lain", 50_000_000, 0), new("cadangan_kerugian_piutang", 0, 50_000_000)]);
        var response = await coop.Admin.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]")]
    private static partial Regex MediaBox();
}
