using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mlops.Testing;

namespace Mlops.Dashboard.Tests;

/// <summary>
/// One DevHost with real trained models (two iris versions, an A/B experiment with labelled predictions, a closed
/// monitoring window) and one Chromium for the whole class: training happens once, each test opens its own page.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright cannot download its own browsers here, and CI installs this one.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string Model = "iris";

    private DevHostProcess? host;
    private IPlaywright? playwright;

    public DevHostProcess Host => host ?? throw new InvalidOperationException("The DevHost has not started.");

    public DashboardApi Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Version 1's run (the champion's) and version 2's (the challenger's).</summary>
    public string FirstRunId { get; private set; } = string.Empty;

    public string SecondRunId { get; private set; } = string.Empty;

    public string ExperimentId { get; private set; } = string.Empty;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var storage = await AzuriteInstance.ConnectionStringAsync();
        host = await DevHostProcess.StartAsync(storage, "dash" + Guid.NewGuid().ToString("N")[..12]);
        Api = new DashboardApi(host.BaseAddress);
        await SeedAsync();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        Api?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private async Task SeedAsync()
    {
        // Looks every two seconds and monitoring windows judged from 20 rows, so a few hundred predictions show
        // converging estimates and a judged window within the fixture's time.
        await Api.SendAsync(HttpMethod.Put, $"models/{Model}/spec", new
        {
            promotion = new { strategy = "ab", challengerTraffic = 0.5, lookIntervalSeconds = 2, minSamples = 20 },
            monitoring = new { minSamples = 20, k = 1 },
        });
        var csv = File.ReadAllText(SampleDatasets.PathOf(SampleDatasets.Iris));
        FirstRunId = await Api.UploadAsync(Model, csv);
        Assert.Equal("Completed", (await Api.WaitForRunAsync(FirstRunId))["status"]!.GetValue<string>());

        // The same rows in another order: new content, so a second run and version 2.
        SecondRunId = await Api.UploadAsync(Model, Shuffled(csv, seed: 1));
        var second = await Api.WaitForRunAsync(SecondRunId);
        Assert.Equal("Completed", second["status"]!.GetValue<string>());
        ExperimentId = second["experimentId"]?.GetValue<string>()
            ?? (await Api.SendAsync(HttpMethod.Post, $"models/{Model}/experiments", new { challenger = 2, traffic = 0.5, strategy = "ab" }))!["id"]!.GetValue<string>();

        var rows = SampleDatasets.Load(SampleDatasets.Iris);
        var feedback = new List<object>();
        for (var i = 0; i < rows.Rows.Count; i++)
        {
            var row = rows.Rows[i];
            var features = new Dictionary<string, double>();
            for (var c = 0; c < rows.Columns.Count - 1; c++)
            {
                features[rows.Columns[c]] = double.Parse(row[c], CultureInfo.InvariantCulture);
            }

            var answer = await Api.SendAsync(HttpMethod.Post, $"models/{Model}/predict", new { features, entityId = $"entity-{i}" });
            feedback.Add(new { predictionId = answer!["predictionId"]!.GetValue<string>(), label = row[^1] });
        }

        await Api.SendAsync(HttpMethod.Post, $"models/{Model}/feedback", new { feedback });
        await Api.WaitForAsync($"models/{Model}/experiments/{ExperimentId}", LabelledAll(rows.Rows.Count), TimeSpan.FromSeconds(60));
        await Api.SendAsync(HttpMethod.Post, $"models/{Model}/monitoring/run", null);
    }

    private static Func<JsonNode, bool> LabelledAll(int count) => experiment =>
        experiment["champion"]!["labelled"]!.GetValue<int>() + experiment["challenger"]!["labelled"]!.GetValue<int>() == count;

    private static string Shuffled(string csv, int seed)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var body = lines[1..];
        new Random(seed).Shuffle(body);
        return string.Join('\n', [lines[0], .. body]) + "\n";
    }
}
