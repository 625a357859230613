using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mlops.Testing;

namespace Mlops.Dashboard.Tests;

/// <summary>
/// Every page of the dashboard in Chromium against a DevHost with trained models: it loads without console errors,
/// shows the numbers the API answers, passes axe (nothing serious or critical), and is saved as a screenshot.
/// </summary>
public sealed class DashboardPagesTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan LiveRunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ModelsPage_ShowsTheChampionLatestVersionAndPrimaryMetricTheApiAnswers()
    {
        var summary = (await fixture.Api.GetAsync("models")).AsArray().Single(m => m!["name"]!.GetValue<string>() == DashboardFixture.Model)!;
        var latest = summary["latestVersion"]!.GetValue<int>();
        var manifest = await fixture.Api.GetAsync($"models/{DashboardFixture.Model}/versions/{latest}");
        var metric = manifest["evaluation"]!["metric"]!.GetValue<string>();
        var lastRun = (await fixture.Api.GetAsync($"models/{DashboardFixture.Model}/runs?top=1"))[0]!;

        await using var page = await DashboardPage.OpenAsync(fixture, "/models");
        var card = page.Page.Locator($"[data-model='{DashboardFixture.Model}']");

        Assert.Equal($"v{summary["aliases"]!["champion"]}", await card.Locator("[data-field=champion]").InnerTextAsync());
        Assert.Equal($"v{latest}", await card.Locator("[data-field=latest]").InnerTextAsync());
        Assert.Equal(Fixed(manifest["metrics"]![metric]!), await card.Locator("[data-field=metric]").InnerTextAsync());
        Assert.StartsWith(lastRun["status"]!.GetValue<string>(), await card.Locator("[data-field=last-run]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await card.Locator("canvas[role=img][aria-label]").CountAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(fixture, "models");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task RunPage_ShowsEveryStageAndTrialOfTheSearchRecord()
    {
        var run = await fixture.Api.GetAsync($"runs/{fixture.SecondRunId}");
        var record = await fixture.Api.GetAsync($"runs/{fixture.SecondRunId}/trials");
        var trials = record["trials"]!.AsArray();

        await using var page = await DashboardPage.OpenAsync(fixture, $"/runs/{fixture.SecondRunId}");

        Assert.Equal("Completed", await page.Page.Locator("#run-live").GetAttributeAsync("data-status"));
        Assert.StartsWith($"{trials.Count} trials", await page.Page.Locator("[data-field=trial-count]").InnerTextAsync(), StringComparison.Ordinal);
        var trialRows = page.Page.Locator("table:has(caption:text-matches('^Every trial')) tbody tr");
        Assert.Equal(trials.Count, await trialRows.CountAsync());
        Assert.Contains(await trialRows.AllInnerTextsAsync(), row => row.StartsWith($"{record["winner"]} (winner)", StringComparison.Ordinal));
        Assert.Equal(run["stages"]!.AsArray().Count, await page.Page.Locator("table:has(caption:text-matches('^Stages')) tbody tr").CountAsync());
        Assert.Equal(1, await page.Page.Locator("canvas[role=img][aria-label^='Search of']").CountAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(fixture, "run");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task DatasetProfilePage_ShowsEveryColumnOfTheValidationReport()
    {
        var report = await fixture.Api.GetAsync($"runs/{fixture.FirstRunId}/validation");
        var columns = report["contract"]!["columns"]!.AsArray();

        await using var page = await DashboardPage.OpenAsync(fixture, $"/runs/{fixture.FirstRunId}/validation");

        var rows = page.Page.Locator("table:has(caption:text-matches('columns as profiled$')) tbody tr");
        Assert.Equal(columns.Count, await rows.CountAsync());
        var first = columns[0]!;
        var firstRow = await rows.First.InnerTextAsync();
        Assert.Contains(first["name"]!.GetValue<string>(), firstRow, StringComparison.Ordinal);
        Assert.Contains(Fixed(first["numeric"]!["mean"]!), firstRow, StringComparison.Ordinal);
        Assert.Equal(columns.Count, await page.Page.Locator("section.card canvas[role=img]").CountAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(fixture, "dataset");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task VersionPage_ShowsMetricsConfusionMatrixImportanceLineageAndAComparison()
    {
        var manifest = await fixture.Api.GetAsync($"models/{DashboardFixture.Model}/versions/2");
        var evaluation = manifest["evaluation"]!;
        var metric = evaluation["metric"]!.GetValue<string>();
        var comparison = await fixture.Api.GetAsync($"models/{DashboardFixture.Model}/compare?versions=1,2");

        await using var page = await DashboardPage.OpenAsync(fixture, $"/models/{DashboardFixture.Model}/versions/2?compare=1");

        var metrics = await page.Page.Locator("table:has(caption:text-matches('^Metrics on the holdout')) tbody").InnerTextAsync();
        Assert.Contains(Fixed(manifest["metrics"]![metric]!), metrics, StringComparison.Ordinal);
        var classes = evaluation["confusionMatrix"]!["classes"]!.AsArray();
        Assert.Equal(classes.Count, await page.Page.Locator("table:has(caption:text-matches('^Holdout rows by true class')) tbody tr").CountAsync());
        Assert.Equal(evaluation["importance"]!.AsArray().Count, await page.Page.Locator("table:has(caption:text-matches('^Permutation importance')) tbody tr").CountAsync());
        Assert.Equal(1, await page.Page.Locator($"a[href='#/runs/{fixture.SecondRunId}']").CountAsync());
        var compared = page.Page.Locator("table:has(caption:text-matches('^v2 against v1')) tbody");
        Assert.Contains(Fixed(comparison["metrics"]![metric]!["shared"]!["estimate"]!), await compared.InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(fixture, "version");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task ExperimentPage_ShowsSamplesPerVariantAndTheIntervalAndStopsTheExperiment()
    {
        var path = $"models/{DashboardFixture.Model}/experiments/{fixture.ExperimentId}";
        var experiment = await fixture.Api.GetAsync(path);

        await using var page = await DashboardPage.OpenAsync(fixture, "/" + path);

        var variants = page.Page.Locator("table:has(caption:text-matches('^Predictions and labels per variant')) tbody tr");
        Assert.Contains(experiment["champion"]!["predictions"]!.ToString(), await variants.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(experiment["challenger"]!["labelled"]!.ToString(), await variants.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Page.Locator("table:has(caption:text-matches('look')) tbody tr").CountAsync() >= 1);
        Assert.Equal(1, await page.Page.Locator("canvas[role=img][aria-label^='Difference in']").CountAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(fixture, "experiment");

        // The stop button calls POST .../stop; the page then shows what the API answers.
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Stop experiment" }).ClickAsync();
        await page.Page.Locator("[data-field=status]", new() { HasTextString = "Stopped" }).WaitForAsync();
        Assert.Equal("Stopped", (await fixture.Api.GetAsync(path))["status"]!.GetValue<string>());
        page.AssertNoErrors();
    }

    [Fact]
    public async Task MonitoringPage_ShowsDriftPerFeatureAndWindowAndTheDecayInterval()
    {
        var monitoring = await fixture.Api.GetAsync($"models/{DashboardFixture.Model}/monitoring");
        var window = monitoring["windows"]!.AsArray()[0]!;

        await using var page = await DashboardPage.OpenAsync(fixture, $"/models/{DashboardFixture.Model}/monitoring");

        var heatmap = page.Page.Locator("table.heat tbody tr");
        Assert.Equal(window["drift"]!["features"]!.AsArray().Count + 1, await heatmap.CountAsync());
        var decay = await page.Page.Locator("table:has(caption:text-matches('per window$')) tbody").InnerTextAsync();
        Assert.Contains(Fixed(window["decay"]!["value"]!), decay, StringComparison.Ordinal);
        Assert.Contains(Fixed(window["decay"]!["lower"]!), decay, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(fixture, "monitoring");
        page.AssertNoErrors();
    }

    [Fact]
    public async Task RunPage_UpdatesWithoutReloadWhileTheRunTrains()
    {
        var runId = await fixture.Api.UploadAsync("breast-cancer", File.ReadAllText(SampleDatasets.PathOf(SampleDatasets.BreastCancer)));

        await using var page = await DashboardPage.OpenAsync(fixture, $"/runs/{runId}?poll=300");
        var live = page.Page.Locator("#run-live");
        var first = await live.GetAttributeAsync("data-status");
        await page.Page.EvaluateAsync("() => { window.notReloaded = true; }");
        Assert.True(first is "Pending" or "Running", $"The run had already ended ({first}) when the page opened: nothing live to see.");

        // Trials are drawn as they finish, before the search ends and picks its winner.
        await page.Page.WaitForFunctionAsync(
            "() => document.querySelector('[data-field=trial-count]')?.dataset.partial === 'true' && !document.querySelector('[data-field=trial-count]').textContent.startsWith('0 of')",
            null,
            new PageWaitForFunctionOptions { Timeout = (float)LiveRunTimeout.TotalMilliseconds, PollingInterval = 100 });
        Assert.Matches(@"^[1-9]\d* of \d+ trials finished so far", await page.Page.Locator("[data-field=trial-count]").InnerTextAsync());
        await page.ScreenshotAsync(fixture, "run-live");

        await page.Page.WaitForFunctionAsync(
            "() => ['Completed', 'Quarantined', 'Failed'].includes(document.querySelector('#run-live').dataset.status)",
            null,
            new PageWaitForFunctionOptions { Timeout = (float)LiveRunTimeout.TotalMilliseconds, PollingInterval = 200 });

        Assert.Equal("Completed", await live.GetAttributeAsync("data-status"));
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page reloaded instead of updating.");
        Assert.True(int.Parse((await live.GetAttributeAsync("data-updates"))!, CultureInfo.InvariantCulture) > 1);
        var trials = (await fixture.Api.GetAsync($"runs/{runId}/trials"))["trials"]!.AsArray();
        Assert.StartsWith($"{trials.Count} trials", await page.Page.Locator("[data-field=trial-count]").InnerTextAsync(), StringComparison.Ordinal);
        page.AssertNoErrors();
    }

    /// <summary>A metric as the pages print it: four decimals (JavaScript's toFixed(4)), integers as they are.</summary>
    private static string Fixed(JsonNode value)
    {
        var number = value.GetValue<double>();
        return number == Math.Floor(number) ? number.ToString(CultureInfo.InvariantCulture) : number.ToString("F4", CultureInfo.InvariantCulture);
    }
}
