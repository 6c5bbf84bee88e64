using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, on local files only (test.sh installs it). A page is checked by an inline script that
/// measures the layout and writes the result into the DOM, which <c>--dump-dom</c> then prints. Headless windows are at
/// least 500 px wide, so the page is shown in an iframe of the phone's width: its own viewport, as on the phone.
/// Elements marked <c>data-closing</c> (closing balances) and <c>data-figure</c> (a loan's figures) are measured.
/// </summary>
public static partial class HeadlessChromium
{
    private const string LayoutCheck = """
        <script>
        (function () {
          var r = { innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight, closings: [], figures: [] };
          function measure(list, attribute) {
            document.querySelectorAll('[' + attribute + ']').forEach(function (e) {
              var b = e.getBoundingClientRect(), s = getComputedStyle(e);
              list.push({ name: e.getAttribute(attribute), text: e.textContent, left: b.left, right: b.right,
                visible: s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0' && b.width > 0 && b.height > 0 && b.left >= 0 && b.right <= window.innerWidth });
            });
          }
          measure(r.closings, 'data-closing');
          measure(r.figures, 'data-figure');
          var out = document.createElement('pre'); out.id = 'layout-check'; out.textContent = JSON.stringify(r); document.body.appendChild(out);
        })();
        </script>
        """;

    public static string Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: ./test.sh installs Debian's 'chromium' package (apt-get install -y chromium).");

    /// <summary>Loads the HTML at <paramref name="width"/> px and answers what the layout check measured.</summary>
    public static async Task<JsonElement> MeasureAsync(string html, int width, int height = 900)
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "page.html");
        var framed = html.Replace("</body>", LayoutCheck + "</body>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(page, $$"""
            <!DOCTYPE html><html><body style="margin:0"><iframe id="phone" style="border:0;display:block;width:{{width}}px;height:{{height}}px" srcdoc="{{WebUtility.HtmlEncode(framed)}}"></iframe>
            <script>document.getElementById('phone').addEventListener('load', function () {
              var r = this.contentDocument.getElementById('layout-check'), out = document.createElement('pre');
              out.id = 'layout-check'; out.textContent = r ? r.textContent : '{}'; document.body.appendChild(out); });</script></body></html>
            """);
        var dom = await RunAsync(folder.Path, $"--window-size={Math.Max(width, 500) + 20},{height + 20}", "--dump-dom", new Uri(page).AbsoluteUri);
        var match = CheckOutput().Match(dom);
        Assert.True(match.Success, "the layout check wrote nothing; Chromium printed: " + dom[..Math.Min(dom.Length, 500)]);
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement.Clone();
    }

    /// <summary>A picture of the page at the phone's width, centred on a grey backdrop (the narrowest headless window is 500 px).</summary>
    public static async Task ScreenshotAsync(string html, string pngPath, int width, int height)
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "page.html");
        await File.WriteAllTextAsync(page, $$"""
            <!DOCTYPE html><html><body style="margin:0;padding:16px 0;background:#cbd5e1">
            <iframe style="border:0;display:block;margin:0 auto;width:{{width}}px;height:{{height}}px;box-shadow:0 2px 12px rgba(0,0,0,.25)" srcdoc="{{WebUtility.HtmlEncode(html)}}"></iframe></body></html>
            """);
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        await RunAsync(folder.Path, $"--window-size={Math.Max(width, 500)},{height + 32}", "--hide-scrollbars", $"--screenshot={pngPath}", new Uri(page).AbsoluteUri);
        Assert.True(File.Exists(pngPath), "Chromium wrote no screenshot");
    }

    /// <summary>Prints the page as Chromium's print dialog would (its own <c>@page</c> size and margins) and answers the PDF's bytes.</summary>
    public static async Task<byte[]> PrintToPdfAsync(string html)
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "page.html");
        var pdf = Path.Combine(folder.Path, "page.pdf");
        await File.WriteAllTextAsync(page, html);
        await RunAsync(folder.Path, "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri);
        Assert.True(File.Exists(pdf), "Chromium wrote no PDF");
        return await File.ReadAllBytesAsync(pdf);
    }

    private static async Task<string> RunAsync(string profileParent, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1", $"--user-data-dir={Path.Combine(profileParent, "profile")}" })
        {
            start.ArgumentList.Add(flag);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 60 s: " + await stderr);
        }
        return await stdout;
    }

    [GeneratedRegex("<pre id=\"layout-check\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex CheckOutput();

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("koperasi-chromium-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}
