using Microsoft.Playwright;
using Palisade.Testing;

namespace Palisade.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>apt-get install chromium</c>; .ci/run installs it), driven headless by Playwright, resolving no
/// name but localhost so that the page can fetch nothing from outside. Playwright never downloads a browser here.
/// </summary>
public static class Chromium
{
    /// <summary>The browser's executable: PALISADE_CHROMIUM, else /usr/bin/chromium.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("PALISADE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Launches it; fails under CI=true and skips elsewhere when it is not installed.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
            TestEnvironment.Unavailable($"Chromium is not installed at {Executable}: apt-get install chromium (.ci/run does), or set PALISADE_CHROMIUM");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // The machine may be loaded: an answer the service computes (the scan of the overview) can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost", "--no-sandbox", "--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
