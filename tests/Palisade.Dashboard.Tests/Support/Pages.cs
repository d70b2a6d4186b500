using Microsoft.Playwright;
using Palisade.Testing;

namespace Palisade.Dashboard.Tests.Support;

/// <summary>Signing in, waiting for a view, and screenshots (test artefacts; copied to docs/screenshots with PALISADE_DOCS_SCREENSHOTS=1).</summary>
public static class Pages
{
    /// <summary>Where screenshots are saved: <c>screenshots/</c> beside the test binaries.</summary>
    public static string ArtefactFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A new browser context signed in through the login form with the service's token.</summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, ShopCluster cluster, string fragment = "#/overview", float timeout = 30_000)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(timeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync(cluster.BaseUrl + fragment);
        Assert.EndsWith("/login" + fragment, page.Url, StringComparison.Ordinal);
        await page.FillAsync("#token", ShopCluster.Token);
        await page.ClickAsync("button[type=submit]");
        // Several browsers and services share the machine in a test run: give the sign-in time.
        try
        {
            await page.WaitForSelectorAsync("main#view[aria-busy]", new() { Timeout = Math.Max(timeout, 90_000) });
        }
        catch (TimeoutException)
        {
            var error = await page.Locator("#error").CountAsync() > 0 ? await page.Locator("#error").TextContentAsync() : "";
            Assert.Fail($"sign-in did not reach {fragment}: at {page.Url}, login page says \"{error}\"");
        }
        Assert.Equal(cluster.BaseUrl + fragment, page.Url);
        return page;
    }

    /// <summary>Opens the view by its URL and waits until it is drawn.</summary>
    public static async Task OpenAsync(IPage page, string fragment)
    {
        var view = fragment.TrimStart('#', '/').Split('/', '?')[0];
        await page.EvaluateAsync("f => { location.hash = f; }", fragment);
        await page.WaitForSelectorAsync($"main[data-view={view}][aria-busy=false]");
        if (view == "graph")
            await page.WaitForSelectorAsync("#graph[data-drawn=true]");
    }

    /// <summary>Saves a full-page screenshot as an artefact (and into docs/screenshots when asked).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtefactFolder);
        var file = Path.Combine(ArtefactFolder, name + ".png");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
        Assert.True(new FileInfo(file).Length > 1000, $"{file} is empty");
        if (Environment.GetEnvironmentVariable("PALISADE_DOCS_SCREENSHOTS") == "1")
        {
            var docs = RepoPaths.InRepo("docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(file, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }
}
