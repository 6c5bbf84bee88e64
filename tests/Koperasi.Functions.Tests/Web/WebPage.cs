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

    /// <summary>
    /// Records an angsuran: "Jenis" = "Angsuran pinjaman", then "Pinjaman" picked from the member's active loans, or
    /// typed when <paramref name="typed"/> (the page offers a text field when it cannot fetch the list).
    /// </summary>
    public async Task<string> RecordRepaymentAsync(string member, string loanId, string amount, bool typed = false)
    {
        var before = await page.Locator("#outbox li[data-id]").CountAsync();
        await page.GetByLabel("Nomor anggota").FillAsync(member);
        await page.GetByLabel("Jenis").SelectOptionAsync(new SelectOptionValue { Label = "Angsuran pinjaman" });
        var loan = page.GetByLabel("Pinjaman", new() { Exact = true });
        if (typed)
        {
            await Expect(page.Locator("input#pinjaman")).ToBeVisibleAsync();
            await loan.FillAsync(loanId);
        }
        else
        {
            await Expect(page.Locator($"select#pinjaman option[value='{loanId}']")).ToHaveCountAsync(1);
            await loan.SelectOptionAsync(loanId);
        }
        await page.GetByLabel("Jumlah").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Expect(page.Locator("#outbox li[data-id]")).ToHaveCountAsync(before + 1);
        return (await page.Locator("#outbox li[data-id]").First.GetAttributeAsync("data-id"))!;
    }

    /// <summary>Rupiah as the page writes it: Rp and dots between thousands.</summary>
    public static string Rupiah(long amount) =>
        (amount < 0 ? "-" : "") + "Rp" + Math.Abs(amount).ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');

    public ILocator OutboxItem(string id) => page.Locator($"#outbox li[data-id='{id}']");

    /// <summary>Waits until the service worker controls the page, so a reload can be served without network.</summary>
    public async Task WaitForServiceWorkerAsync()
    {
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 30_000 });
    }
}
