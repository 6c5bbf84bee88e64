using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Koperasi.Functions.Tests.Web;

/// <summary>The treasurer's page in one browser tab, driven as a person would: by labels and button names.</summary>
public sealed class WebPage(IPage page)
{
    public IPage Page => page;

    public async Task SignInAsync(string key, bool remember = false)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Kunci API").FillAsync(key);
        if (remember)
        {
            await page.GetByLabel("Ingat di perangkat ini").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Beranda" })).ToBeVisibleAsync();
    }

    public async Task OpenAsync(string menu, string heading)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = menu, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Fills "Transaksi baru" and presses "Simpan"; answers the id the device gave it.</summary>
    public async Task<string> RecordAsync(string member, string kind, string account, string amount)
    {
        var before = await page.Locator("#outbox li[data-id]").CountAsync();
        await page.GetByLabel("Nomor anggota").FillAsync(member);
        await page.GetByLabel("Jenis").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Simpanan").SelectOptionAsync(new SelectOptionValue { Label = account });
        await page.GetByLabel("Jumlah").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Expect(page.Locator("#outbox li[data-id]")).ToHaveCountAsync(before + 1);
        return (await page.Locator("#outbox li[data-id]").First.GetAttributeAsync("data-id"))!;
    }

    public ILocator OutboxItem(string id) => page.Locator($"#outbox li[data-id='{id}']");

    /// <summary>Waits until the service worker controls the page, so a reload can be served without network.</summary>
    public async Task WaitForServiceWorkerAsync()
    {
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 30_000 });
    }
}
