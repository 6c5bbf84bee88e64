using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Tests.Webhooks;
using Koperasi.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Koperasi.Functions.Tests.Web;

/// <summary>
/// Every screen at 360 px with real data behind it: no sideways scroll, every target at least 44 px, every control
/// labelled, no serious or critical axe-core violation; the main screens are saved as pictures for docs/.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebScreenTests(WebFixture fixture, ITestOutputHelper output)
{
    private static readonly string Pictures = RepoPaths.Combine(".local", "test-results", "web");

    /// <summary>In the page: what sticks out sideways, targets under 44 px, controls without a label.</summary>
    private const string LayoutCheck = """
        () => {
          const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
          const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || e.value || '').trim().slice(0, 30) + '"';
          const small = [];
          for (const e of document.querySelectorAll('a, button, input, select, textarea, summary')) {
            if (!visible(e)) continue;
            const target = e.type === 'checkbox' || e.type === 'radio' ? e.closest('label') || e : e;
            const r = target.getBoundingClientRect();
            if (r.width < 44 || r.height < 44) small.push(name(e) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
          }
          const unlabelled = [...document.querySelectorAll('input, select, textarea')].filter((e) => visible(e) && e.labels.length === 0).map(name);
          const wide = [...document.querySelectorAll('body *')].filter((e) => visible(e) && e.getBoundingClientRect().right > window.innerWidth + 0.5).map(name).slice(0, 5);
          return { innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, small, unlabelled, wide };
        }
        """;

    [Fact]
    public async Task EveryScreen_At360px_FitsHasLargeLabelledTargetsAndNoSeriousAxeViolation()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("B1", "Ni Made Ayu Wiratni Kusumawardhani", "ayu@example.test");
        await coop.AddMemberAsync("B2", "I Gede Putra");
        await PostAsync(coop, "B1", "simpanan_pokok", 100_000);
        await PostAsync(coop, "B1", "simpanan_sukarela", 2_500_000);
        await WebLoans.ProductAsync(coop, penaltyBpsPerDay: 10);
        await WebLoans.DisbursedAsync(coop, "PJ-B1", "B1", WebLoans.Today.AddMonths(-2).AddDays(-3)); // in arrears: Beranda's buckets have a late loan
        await using var context = await fixture.NewPhoneAsync();
        var web = new WebPage(await context.NewPageAsync());

        await web.Page.GotoAsync("/");
        await CheckAsync(web, "masuk", picture: true);
        await web.SignInAsync(coop.AdminKey);
        await Expect(web.Page.Locator("[data-total=savings]")).ToHaveTextAsync("Rp2.600.000");
        await Expect(web.Page.Locator("[data-loans=outstanding]")).ToHaveTextAsync(WebPage.Rupiah(WebLoans.Principal));
        await CheckAsync(web, "beranda", picture: true);

        await web.OpenAsync("Anggota", "Anggota");
        await web.Page.GetByLabel("Cari anggota (nomor atau nama)").FillAsync("made");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "B1 · Ni Made Ayu Wiratni Kusumawardhani" })).ToBeVisibleAsync();
        await CheckAsync(web, "anggota");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "B1 · Ni Made Ayu Wiratni Kusumawardhani" }).ClickAsync();
        await Expect(web.Page.Locator("[data-balance=simpanan_sukarela]")).ToHaveTextAsync("Rp2.500.000");
        await Expect(web.Page.Locator("[data-balance=simpanan_pokok]")).ToHaveTextAsync("Rp100.000");
        await Expect(web.Page.Locator("[data-outstanding='PJ-B1']")).ToHaveTextAsync("Sisa pokok " + WebPage.Rupiah(WebLoans.Principal));
        await CheckAsync(web, "anggota-detail", picture: true);
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Ubah" }).ClickAsync();
        await Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Ubah anggota" })).ToBeVisibleAsync();
        await CheckAsync(web, "anggota-ubah");

        await web.OpenAsync("Transaksi baru", "Transaksi baru");
        var id = await web.RecordAsync("B2", "Setoran", "Simpanan sukarela", "75.000");
        await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "posted");
        await CheckAsync(web, "transaksi", picture: true);
        await web.Page.GetByLabel("Nomor anggota").FillAsync("B1");
        await web.Page.GetByLabel("Jenis").SelectOptionAsync(new SelectOptionValue { Label = "Angsuran pinjaman" });
        await Expect(web.Page.Locator("select#pinjaman option[value='PJ-B1']")).ToHaveCountAsync(1);
        await Expect(web.Page.GetByLabel("Simpanan", new() { Exact = true })).ToBeHiddenAsync();
        await CheckAsync(web, "transaksi-angsuran");

        var paymentId = await UnmatchedPaymentAsync(coop, 40_000);
        await web.OpenAsync("Pembayaran", "Pembayaran tak dikenal");
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Rp40.000");
        await CheckAsync(web, "pembayaran", picture: true);
        await web.Page.GetByLabel("Nomor anggota").FillAsync("B2");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Tetapkan" }).ClickAsync();
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Ditetapkan ke B2");
        var assigned = await WaitForBalanceAsync(coop, "B2", 75_000 + 40_000);
        Assert.Equal(115_000, assigned);
        output.WriteLine($"unmatched payment {paymentId} assigned to B2 through the page");

        await web.OpenAsync("Kegagalan", "Kegagalan");
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Tidak ada kegagalan.");
        await CheckAsync(web, "kegagalan");

        await web.OpenAsync("Laporan", "Laporan");
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Belum dijalankan.");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Mulai kirim laporan" }).ClickAsync();
        await Expect(web.Page.Locator("[data-progress]")).ToContainTextAsync("2 dari 2 anggota selesai");
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Seimbang");
        var period = await web.Page.Locator("[data-progress]").GetAttributeAsync("data-progress");
        var run = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/statements/{period}");
        Assert.Equal(2, run.GetProperty("members").GetInt32());
        await CheckAsync(web, "laporan", picture: true);
    }

    private async Task CheckAsync(WebPage web, string screen, bool picture = false)
    {
        await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var layout = await web.Page.EvaluateAsync<JsonElement>(LayoutCheck);
        Assert.Equal(WebFixture.PhoneWidth, layout.GetProperty("innerWidth").GetInt32());
        Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= WebFixture.PhoneWidth, $"{screen} scrolls sideways: {layout}");
        Assert.True(layout.GetProperty("small").GetArrayLength() == 0, $"{screen}: targets under 44 px: {layout.GetProperty("small")}");
        Assert.True(layout.GetProperty("unlabelled").GetArrayLength() == 0, $"{screen}: controls without a label: {layout.GetProperty("unlabelled")}");
        var axe = await web.Page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        Assert.True(serious.Count == 0, $"{screen}: axe-core found\n{string.Join("\n", serious)}");
        output.WriteLine($"{screen}: fits {WebFixture.PhoneWidth} px, axe: {axe.Violations.Length} minor/moderate, {axe.Passes.Length} rules passed");
        if (picture)
        {
            Directory.CreateDirectory(Pictures);
            await web.Page.ScreenshotAsync(new() { Path = Path.Combine(Pictures, $"web-{screen}.png"), FullPage = true });
        }
    }

    private static async Task PostAsync(TestCooperative coop, string member, string account, long amount)
    {
        var id = "seed-" + Guid.NewGuid().ToString("N")[..12];
        (await coop.Admin.PostAsJsonAsync("/api/transactions", new { id, memberId = member, kind = "deposit", account, amount, occurredAt = DateTimeOffset.UtcNow })).EnsureSuccessStatusCode();
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, id);
        Assert.Equal("posted", status.GetProperty("status").GetString());
    }

    private static async Task<string> UnmatchedPaymentAsync(TestCooperative coop, long amount)
    {
        (await coop.Admin.PutAsJsonAsync($"/api/providers/standard-webhooks/{WebhookSamples.StandardName}", new { secret = WebhookSamples.StandardSecret })).EnsureSuccessStatusCode();
        var paymentId = "pay_" + Guid.NewGuid().ToString("N")[..10];
        var body = WebhookSamples.StandardEvent("payment.succeeded", paymentId, "TIDAK-DIKENAL-" + Guid.NewGuid().ToString("N")[..6], amount, DateTimeOffset.UtcNow.ToString("O"));
        (await coop.Admin.SendAsync(WebhookSamples.Standard(coop.Id, "msg_" + Guid.NewGuid().ToString("N")[..10], body, DateTimeOffset.UtcNow))).EnsureSuccessStatusCode();
        return paymentId;
    }

    private static async Task<long> WaitForBalanceAsync(TestCooperative coop, string member, long expected)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var balance = (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/members/{member}/balances")).GetProperty("balances").GetProperty("simpanan_sukarela").GetInt64();
            if (balance == expected || DateTime.UtcNow > until)
            {
                return balance;
            }
            await Task.Delay(200);
        }
    }
}
