using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Mlops.Dashboard.Tests;

/// <summary>
/// One browser page on a dashboard route: it records console errors and uncaught exceptions from the moment it
/// opens, so a test can assert that the page ran cleanly, and checks accessibility with axe.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];

    private DashboardPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"uncaught: {error}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Opens <paramref name="route"/> (the part after '#') and waits until the page has rendered it.</summary>
    public static async Task<DashboardPage> OpenAsync(DashboardFixture fixture, string route)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = new DashboardPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/ui/#" + route).ToString());
        await page.Page.Locator("main[data-loaded]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    /// <summary>Fails on any violation axe rates serious or critical, naming each with the elements it found.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html).Take(3))}")
            .ToList();
        Assert.True(serious.Count == 0, "Accessibility violations:\n" + string.Join('\n', serious));
    }

    public void AssertNoErrors() => Assert.True(Errors.Count == 0, "The page logged errors:\n" + string.Join('\n', Errors));

    public async Task ScreenshotAsync(DashboardFixture fixture, string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
