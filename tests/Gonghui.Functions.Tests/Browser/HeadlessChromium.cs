using Microsoft.Playwright;

namespace Gonghui.Functions.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here; test.sh installs
/// <c>chromium</c>). Pages open at a phone's size, because approvers and officers act on their phones.
/// Screenshots go to <c>screenshots/</c> beside the test assembly.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// How long a page action, navigation or screenshot may take. Playwright's 30 s ran out now and then in a full test
    /// run, where the two cores of the test machine also serve the other app processes and their storage.
    /// </summary>
    private const float ActionTimeoutMs = 90_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./test.sh, which installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>A new browser (own cookies) with one tab the size of a phone.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser (own cookies) with one tab the size of an office screen.</summary>
    public async Task<IPage> NewDesktopPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>True when the page is no wider than its viewport (nothing to scroll sideways on a phone).</summary>
    public static async Task<bool> FitsWidthAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
