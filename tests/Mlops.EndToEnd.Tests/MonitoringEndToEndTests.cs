using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>
/// Monitoring through the DevHost: windows closed by hand and by the timer, a stationary window judged without drift, a
/// shift in the signal feature declared on the k-th window on that feature and the prediction only, flipped labels
/// detected as decay and retrained once on the champion's data plus the labelled predictions (then the cool-down turns
/// the drift into an alert), and a model without a champion answered 404.
/// </summary>
public sealed class MonitoringEndToEndTests(MonitoringEndToEndTests.Fixture fixture) : IClassFixture<MonitoringEndToEndTests.Fixture>
{
    private const string Model = "monitoring-walkthrough";

    private MlopsApi Api => fixture.Api;

    [Fact]
    public async Task AShiftInTheSignal_IsDeclaredOnTheKthWindow_FlippedLabelsAreDecay_AndTheTimerClosesWindowsOnItsSchedule()
    {
        // The decay retrains; under shadow its version becomes a challenger scoring in the background, so the champion
        // (and the window the drift is declared on) stays the same however fast the retrain is.
        var (put, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", """
            {"label": "label", "monitoring": {"minSamples": 100, "k": 2}, "promotion": {"strategy": "shadow"}}
            """);
        Assert.Equal(HttpStatusCode.OK, put);
        var run = await Api.WaitForRunAsync((await Api.UploadAsync(Model, Csv(800, seed: 1)))["runId"]!.GetValue<string>());
        Assert.True(run["promoted"]!.GetValue<bool>(), run.ToJsonString());

        var empty = await CloseAsync();
        Assert.Equal("insufficient", empty["status"]!.GetValue<string>());
        Assert.Equal(0, empty["rows"]!.GetValue<long>());

        var random = new Random(2);
        await PredictAsync(random, shift: 0, rows: 600, flipLabels: false);
        var stationary = await CloseAsync();
        Assert.Equal("judged", stationary["status"]!.GetValue<string>());
        Assert.Equal(600, stationary["rows"]!.GetValue<long>());
        Assert.False(stationary["drift"]!["detected"]!.GetValue<bool>(), stationary.ToJsonString());
        Assert.All(Features(stationary), f => Assert.False(f!["drifted"]!.GetValue<bool>(), f!.ToJsonString()));
        Assert.False(stationary["decay"]!["detected"]!.GetValue<bool>(), stationary["decay"]!.ToJsonString());

        // f0 decides the label: shifted, it drifts and so does the prediction; the labels flip (the concept changed).
        await PredictAsync(random, shift: 1.5, rows: 300, flipLabels: true);
        var first = await CloseAsync();
        await PredictAsync(random, shift: 1.5, rows: 300, flipLabels: true);
        var second = await CloseAsync();

        var f0 = Features(first).Single(f => f!["name"]!.GetValue<string>() == "f0")!;
        Assert.True(f0["drifted"]!.GetValue<bool>(), f0.ToJsonString());
        Assert.False(f0["declared"]!.GetValue<bool>());
        Assert.False(first["drift"]!["detected"]!.GetValue<bool>());
        Assert.True(second["drift"]!["detected"]!.GetValue<bool>(), second["drift"]!.ToJsonString());
        Assert.True(Features(second).Single(f => f!["name"]!.GetValue<string>() == "f0")!["declared"]!.GetValue<bool>());
        Assert.True(second["drift"]!["prediction"]!["declared"]!.GetValue<bool>());
        Assert.All(Features(second).Where(f => f!["name"]!.GetValue<string>() != "f0"), f => Assert.False(f!["drifted"]!.GetValue<bool>(), f!.ToJsonString()));
        Assert.True(first["decay"]!["detected"]!.GetValue<bool>(), first["decay"]!.ToJsonString());
        Assert.True(first["decay"]!["upper"]!.GetValue<double>() < first["decay"]!["baseline"]!.GetValue<double>());

        // Decay retrains once: a run on the champion's 800 rows plus the 900 labelled predictions so far, its trigger
        // naming the window; the drift one window later falls in the cool-down and is an alert.
        var retrain = Assert.Single(first["actions"]!.AsArray())!;
        Assert.Equal("retrain", retrain["kind"]!.GetValue<string>());
        var retrainRun = await Api.WaitForRunAsync(retrain["runId"]!.GetValue<string>());
        Assert.Equal("decay", retrainRun["trigger"]!["kind"]!.GetValue<string>());
        Assert.Contains(first["id"]!.GetValue<string>(), retrainRun["trigger"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("adds 900 labelled predictions", retrainRun["trigger"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"{Model}/retrain-", retrainRun["dataset"]!.GetValue<string>(), StringComparison.Ordinal);
        var alert = Assert.Single(second["actions"]!.AsArray())!;
        Assert.Equal("alert", alert["kind"]!.GetValue<string>());
        Assert.Contains("cool-down", alert["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("cooldown", alert["cause"]!.GetValue<string>());

        var view = await Api.GetObjectAsync($"api/models/{Model}/monitoring");
        Assert.Equal(4, view["windows"]!.AsArray().Count);
        Assert.Equal(second["id"]!.GetValue<string>(), view["windows"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(2, view["actions"]!.AsArray().Count);
        var events = (await Api.SendAsync(HttpMethod.Get, $"api/models/{Model}/events?top=1000", null)).Body!.AsArray();
        var drift = Assert.Single(events, e => e!["type"]!.GetValue<string>() == "drift.detected")!;
        Assert.EndsWith("f0 and the prediction drifted for 2 windows in a row.", drift["data"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(second["pending"]!.GetValue<bool>());
        Assert.Equal(["drift"], second["detections"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()));
        Assert.Equal(1, events.Count(e => e!["type"]!.GetValue<string>() == "decay.detected"));
        Assert.True(second["decay"]!["detected"]!.GetValue<bool>(), "the decay lasts, reported once");
        Assert.Equal(1, events.Count(e => e!["type"]!.GetValue<string>() == "retrain.started"));

        // The timer, on a schedule of seconds in a second host over the same storage, closes the next window itself.
        await using var timed = await DevHostProcess.StartAsync(
            fixture.StorageConnectionString,
            TaskHubs.Unique("e2e"),
            new Dictionary<string, string> { ["DevHost__TimerSchedules__Monitoring"] = "*/2 * * * * *" });
        var clock = Stopwatch.StartNew();
        while ((await Api.GetObjectAsync($"api/models/{Model}/monitoring"))["windows"]!.AsArray().Count == 4 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
        }

        Assert.True((await Api.GetObjectAsync($"api/models/{Model}/monitoring"))["windows"]!.AsArray().Count > 4, "The timer closed no window within 30 s.");
    }

    [Fact]
    public async Task ABudgetOfZero_TurnsADetectionIntoAnAlert_AndStartsNoRun()
    {
        const string Frugal = "monitoring-no-budget";
        var (put, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Frugal}/spec", """
            {"label": "label", "monitoring": {"minSamples": 100, "k": 1, "monthlyRetrainBudget": 0}}
            """);
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.True((await Api.WaitForRunAsync((await Api.UploadAsync(Frugal, Csv(600, seed: 3)))["runId"]!.GetValue<string>()))["promoted"]!.GetValue<bool>());
        var runsBefore = (await Api.SendAsync(HttpMethod.Get, $"api/models/{Frugal}/runs", null)).Body!.AsArray().Count;

        await PredictAsync(Frugal, new Random(4), shift: 1.5, rows: 300, flipLabels: true);
        var window = await CloseAsync(Frugal);

        Assert.True(window["decay"]!["detected"]!.GetValue<bool>() || window["drift"]!["detected"]!.GetValue<bool>(), window.ToJsonString());
        var alert = Assert.Single(window["actions"]!.AsArray())!;
        Assert.Equal("alert", alert["kind"]!.GetValue<string>());
        Assert.Contains("budget (0) is spent", alert["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("budget", alert["cause"]!.GetValue<string>());
        Assert.Equal(runsBefore, (await Api.SendAsync(HttpMethod.Get, $"api/models/{Frugal}/runs", null)).Body!.AsArray().Count);
    }

    [Fact]
    public async Task AScheduledRetraining_SkipsWhenNothingIsNew_AndRetrainsOnNewLabels()
    {
        const string Scheduled = "monitoring-scheduled";
        var (put, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Scheduled}/spec", """
            {"label": "label", "retrainSchedule": "* * * * * *", "monitoring": {"minSamples": 100}}
            """);
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.True((await Api.WaitForRunAsync((await Api.UploadAsync(Scheduled, Csv(600, seed: 5)))["runId"]!.GetValue<string>()))["promoted"]!.GetValue<bool>());

        var nothingNew = Assert.Single((await CloseAsync(Scheduled))["actions"]!.AsArray())!;
        Assert.Equal("skipped", nothingNew["kind"]!.GetValue<string>());

        await PredictAsync(Scheduled, new Random(6), shift: 0, rows: 200, flipLabels: false);
        var retrain = Assert.Single((await CloseAsync(Scheduled))["actions"]!.AsArray())!;
        Assert.Equal("retrain", retrain["kind"]!.GetValue<string>());
        var run = await Api.WaitForRunAsync(retrain["runId"]!.GetValue<string>());
        Assert.Equal("schedule", run["trigger"]!["kind"]!.GetValue<string>());
        Assert.Contains("adds 200 labelled predictions", run["trigger"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoringAModelWithoutAChampion_Answers404()
    {
        var (status, contentType, problem) = await Api.SendAsync(HttpMethod.Post, "api/models/never-trained/monitoring/run", "{}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("no champion", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonArray Features(JsonObject window) => window["drift"]!["features"]!.AsArray();

    private Task<JsonObject> CloseAsync() => CloseAsync(Model);

    private async Task<JsonObject> CloseAsync(string model)
    {
        // The log is written in the background (every 250 ms): let the last predictions land first.
        await Task.Delay(1_000);
        var (status, _, body) = await Api.SendAsync(HttpMethod.Post, $"api/models/{model}/monitoring/run", "{}");
        Assert.True(status == HttpStatusCode.OK, $"monitoring/run answered {(int)status}: {body?.ToJsonString()}");
        return body!.AsObject();
    }

    private Task PredictAsync(Random random, double shift, int rows, bool flipLabels) => PredictAsync(Model, random, shift, rows, flipLabels);

    private async Task PredictAsync(string model, Random random, double shift, int rows, bool flipLabels)
    {
        for (var sent = 0; sent < rows; sent += 100)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => Row(random, shift)).ToArray();
            var (status, _, body) = await Api.PostJsonAsync($"api/models/{model}/predict", new { instances = batch.Select(r => new { features = r.Features }).ToArray() });
            Assert.True(status == HttpStatusCode.OK, $"predict answered {(int)status}: {body?.ToJsonString()}");
            var feedback = body!["predictions"]!.AsArray().Select((p, i) => new
            {
                predictionId = p!["predictionId"]!.GetValue<string>(),
                label = flipLabels ? (batch[i].Label == "yes" ? "no" : "yes") : batch[i].Label,
            }).ToArray();
            var (accepted, _, answer) = await Api.PostJsonAsync($"api/models/{model}/feedback", new { feedback });
            Assert.Equal(HttpStatusCode.OK, accepted);
            Assert.Equal(feedback.Length, answer!["accepted"]!.GetValue<int>());
        }
    }

    private static byte[] Csv(int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("f0,f1,f2,f3,label\n");
        for (var i = 0; i < rows; i++)
        {
            var row = Row(random, 0);
            csv.AppendJoin(',', row.Features.Values.Select(v => v.ToString(CultureInfo.InvariantCulture))).Append(',').Append(row.Label).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Four features uniform in [-1, 1] (f0 shifted by <paramref name="shift"/>); the label is f0's sign, 10% noise.</summary>
    private static (Dictionary<string, double> Features, string Label) Row(Random random, double shift)
    {
        var features = Enumerable.Range(0, 4).ToDictionary(f => $"f{f}", f => Math.Round((random.NextDouble() * 2) - 1 + (f == 0 ? shift : 0), 4));
        var label = features["f0"] - shift + (0.1 * ((random.NextDouble() * 2) - 1)) > 0 ? "yes" : "no";
        return (features, label);
    }

    /// <summary>A DevHost whose monitoring timer never fires during the test (windows are closed by hand).</summary>
    public sealed class Fixture : DevHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Environment { get; } =
            new Dictionary<string, string> { ["DevHost__TimerSchedules__Monitoring"] = "0 0 0 1 1 *" };
    }
}
