using Koperasi.Functions.Tests.Support;
using Microsoft.Playwright;

namespace Koperasi.Functions.Tests.Web;

/// <summary>
/// The shared Azurite and LocalHost of the API tests' kind, plus one headless Chromium for the whole class: Debian's
/// own (test.sh installs it), driven by Playwright through its executable path; Playwright never downloads a browser.
/// </summary>
public sealed class WebFixture : ApiFixture, IAsyncLifetime
{
    public const int PhoneWidth = 360;
    public const int PhoneHeight = 740;

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh browser profile (its own storage, IndexedDB and service worker) at a phone's size.</summary>
    public Task<IBrowserContext> NewPhoneAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = PhoneWidth, Height = PhoneHeight },
        Locale = "id-ID",
        ServiceWorkers = ServiceWorkerPolicy.Allow,
    });

    public new async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await base.DisposeAsync();
    }
}
