using System.Net.Http.Headers;
using System.Text.Json;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;
using Koperasi.Testing;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>A statement in a real browser at a phone's width: no sideways scrolling, closing balances on screen.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatementBrowserTests(ApiFixture fixture)
{
    private const int PhoneWidth = 375;

    [Fact]
    public async Task ServedStatementHtml_At375px_HasNoHorizontalOverflowAndShowsClosingBalances()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("B1", "Ni Made Ayu Wiratni Kusumawardhani", "ayu@example.test");
        await StatementSteps.PostAsync(coop, "B1", "deposit", "simpanan_pokok", 100_000, "2026-10-01T09:00:00+08:00", "Simpanan pokok");
        await StatementSteps.PostAsync(coop, "B1", "deposit", "simpanan_sukarela", 987_654_321, "2026-10-03T09:00:00+08:00", "Setoran dari hasil penjualan panen kopi Kintamani musim ini");
        await StatementSteps.PostAsync(coop, "B1", "withdrawal", "simpanan_sukarela", 123_456_789, "2026-10-31T23:30:00+08:00", "Tarik");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/members/B1/statements/2026-10");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var html = await (await coop.Admin.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var layout = await HeadlessChromium.MeasureAsync(html, PhoneWidth);

        AssertFits(layout);
        Assert.Contains(layout.GetProperty("closings").EnumerateArray(), c => c.GetProperty("text").GetString() == "Rp864.197.532");
    }

    [Fact]
    public async Task DemoStatement_At375px_FitsAndIsSavedAsAScreenshot()
    {
        var html = StatementHtml.Render(DemoStatement.October());

        var layout = await HeadlessChromium.MeasureAsync(html, PhoneWidth);
        AssertFits(layout);
        var height = layout.GetProperty("scrollHeight").GetInt32();
        await HeadlessChromium.ScreenshotAsync(html, RepoPaths.Combine(".local", "test-results", "statement-375.png"), PhoneWidth, height);
    }

    [Fact]
    public async Task DemoStatementWithLoans_At375px_FitsWithEveryLoanFigureOnScreenAndIsSavedAsAScreenshot()
    {
        var html = StatementHtml.Render(DemoStatement.OctoberWithLoans());

        var layout = await HeadlessChromium.MeasureAsync(html, PhoneWidth);

        AssertFits(layout);
        var figures = layout.GetProperty("figures").EnumerateArray().ToList();
        Assert.Contains(figures, f => f.GetProperty("name").GetString() == "PJ-2026-0142:tunggakan" && f.GetProperty("text").GetString() == "Rp783.333");
        Assert.Contains(figures, f => f.GetProperty("name").GetString() == "PJ-2025-0077:sisa-pokok" && f.GetProperty("text").GetString() == "Rp0");
        Assert.All(figures, f => Assert.True(f.GetProperty("visible").GetBoolean(), $"loan figure not visible: {f}"));
        await HeadlessChromium.ScreenshotAsync(html, RepoPaths.Combine(".local", "test-results", "statement-loans-375.png"), PhoneWidth, layout.GetProperty("scrollHeight").GetInt32());
    }

    [Fact]
    public async Task LayoutCheck_APageWiderThanThePhone_IsReportedAsOverflowing()
    {
        var html = "<!DOCTYPE html><html><body><table style=\"width:600px\"><tr><td data-closing=\"x\" style=\"text-align:right;width:600px\">Rp1</td></tr></table></body></html>";

        var layout = await HeadlessChromium.MeasureAsync(html, PhoneWidth);

        Assert.True(layout.GetProperty("scrollWidth").GetInt32() > PhoneWidth);
        Assert.False(layout.GetProperty("closings")[0].GetProperty("visible").GetBoolean());
    }

    private static void AssertFits(JsonElement layout)
    {
        Assert.Equal(PhoneWidth, layout.GetProperty("innerWidth").GetInt32());
        Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= PhoneWidth, $"the page scrolls sideways: {layout}");
        var closings = layout.GetProperty("closings").EnumerateArray().ToList();
        Assert.Equal(4, closings.Count); // the total and one per savings account
        Assert.All(closings, c => Assert.True(c.GetProperty("visible").GetBoolean(), $"closing balance not visible: {c}"));
    }
}
