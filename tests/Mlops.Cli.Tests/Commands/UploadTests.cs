using System.Net;
using System.Text.Json;
using Mlops.Cli.Commands;

namespace Mlops.Cli.Tests.Commands;

/// <summary>upload --watch over a fake API whose run moves from training to an end state.</summary>
public sealed class UploadTests : IDisposable
{
    private const string RunId = "iris-0123456789abcdef";
    private const string RunRoute = "GET /api/runs/" + RunId;
    private const string Accepted = """{"model":"iris","dataset":"iris/20260101000000-0123456789ab.csv","sha256":"0123456789ab","runId":"iris-0123456789abcdef","started":true}""";
    private const string Training = """{"runId":"iris-0123456789abcdef","model":"iris","dataset":"iris/a.csv","status":"Running","stages":[{"name":"validate","status":"Completed","startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:00:01.5Z","detail":"150 rows"},{"name":"train","status":"Running","startedAt":"2026-01-01T00:00:01.5Z","endedAt":null,"detail":null},{"name":"evaluate","status":"Pending","startedAt":null,"endedAt":null,"detail":null}],"version":null,"promoted":false,"reason":null,"search":{"trialsDone":2,"trialsPlanned":4,"trialsFailed":0,"trialsStoppedEarly":0,"metric":"macroF1","bestTrainer":"LightGbm","bestValue":0.95,"bestTrial":1}}""";
    private const string Manifest = """{"model":"iris","version":1,"createdAt":"2026-01-01T00:00:09Z","runId":"iris-0123456789abcdef","trainer":"LightGbm","parameters":{"seed":"42"},"metrics":{"accuracy":0.9667,"macroF1":0.9666}}""";

    private readonly string csv = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid():N}.csv");

    public UploadTests() => File.WriteAllText(csv, "a,label\n1,x\n2,y\n");

    public void Dispose() => File.Delete(csv);

    [Fact]
    public async Task Upload_WithoutWatch_SendsTheCsv_PrintsTheRun()
    {
        var api = new FakeApi().On("POST /api/datasets/iris", HttpStatusCode.Accepted, Accepted);

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("a,label\n1,x\n2,y\n", api.Sent.Single().Body);
        Assert.Contains($"run {RunId} started", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithRetrain_AsksTheRouteToTrainTheFileAgain()
    {
        var api = new FakeApi().On("POST /api/datasets/iris?retrain=true", HttpStatusCode.Accepted, Accepted);

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris", "--retrain");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("POST /api/datasets/iris?retrain=true", api.Sent.Single().Route);
    }

    [Fact]
    public async Task UploadWatch_Redirected_PrintsStagesTrialsThenVersionAndMetrics()
    {
        var api = Completed(promoted: true);

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris", "--watch", "--interval", "0.01");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("stage validate: Completed (1.5 s) 150 rows", lines);
        Assert.Contains("stage train: Running", lines);
        Assert.Contains("trials 2/4, best macroF1 0.95 (LightGbm, trial 1)", lines);
        Assert.Contains($"Run {RunId} Completed: version 1 registered, promoted to champion. Better than the champion.", lines);
        Assert.Contains("Version 1 of iris (LightGbm); the champion is version 1. Metrics on the holdout:", lines);
        Assert.Matches(@"accuracy\s+.\s+0\.9667", run.Out);
        Assert.DoesNotContain("stage evaluate: Pending", lines);
        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public async Task UploadWatch_Json_PrintsOnlyTheRunWithTheRegisteredVersionAndTheChampion()
    {
        var api = Completed(promoted: true);

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris", "--watch", "--interval", "0.01", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("Completed", root.GetProperty("status").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(1, root.GetProperty("champion").GetInt32());
        Assert.Equal(0.9667, root.GetProperty("registered").GetProperty("metrics").GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public async Task UploadWatch_NotPromoted_StillSucceeds_AndSaysSo()
    {
        var api = Completed(promoted: false);

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris", "--watch", "--interval", "0.01");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("version 1 registered, not promoted", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Quarantined", ExitCodes.RunQuarantined)]
    [InlineData("Failed", ExitCodes.RunFailed)]
    public async Task UploadWatch_RunDidNotComplete_ExitCodeSaysHow(string status, int expected)
    {
        var api = new FakeApi()
            .On("POST /api/datasets/iris", HttpStatusCode.Accepted, Accepted)
            .On(RunRoute, HttpStatusCode.OK, Training)
            .On(RunRoute, HttpStatusCode.OK, $$"""{"runId":"{{RunId}}","model":"iris","dataset":"iris/a.csv","status":"{{status}}","stages":[],"version":null,"promoted":false,"reason":"Column 'a' is all missing.","findings":[{"rule":"column-missing-rate","severity":"error","column":"a","message":"Column 'a' is all missing.","mitigation":null}]}""");

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris", "--watch", "--interval", "0.01");

        Assert.Equal(expected, run.ExitCode);
        Assert.Contains($"Run {RunId} {status}. Column 'a' is all missing.", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Sent, r => r.Route.Contains("/versions/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UploadWatch_APollFailsOnce_TheWatchGoesOn()
    {
        var api = new FakeApi()
            .On("POST /api/datasets/iris", HttpStatusCode.Accepted, Accepted)
            .OnProblem(RunRoute, HttpStatusCode.ServiceUnavailable, "Temporarily unavailable", "Storage is out of reach.", "TEMPORARILY_UNAVAILABLE")
            .On(RunRoute, HttpStatusCode.OK, Finished(promoted: true))
            .On("GET /api/models/iris/versions/1", HttpStatusCode.OK, Manifest)
            .On("GET /api/models/iris", HttpStatusCode.OK, """{"name":"iris","aliases":{"champion":1},"versions":[]}""");

        var run = await CliRun.InvokeAsync(api, "upload", csv, "--model", "iris", "--watch", "--interval", "0.01");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Theory]
    [InlineData("Completed", ExitCodes.Success)]
    [InlineData("Quarantined", ExitCodes.RunQuarantined)]
    [InlineData("Failed", ExitCodes.RunFailed)]
    public void ExitCode_ForEachEndState_IsDistinct(string status, int expected) =>
        Assert.Equal(expected, UploadCommand.ExitCode(status));

    private static FakeApi Completed(bool promoted) => new FakeApi()
        .On("POST /api/datasets/iris", HttpStatusCode.Accepted, Accepted)
        .On(RunRoute, HttpStatusCode.OK, Training)
        .On(RunRoute, HttpStatusCode.OK, Finished(promoted))
        .On("GET /api/models/iris/versions/1", HttpStatusCode.OK, Manifest)
        .On("GET /api/models/iris", HttpStatusCode.OK, promoted ? """{"name":"iris","aliases":{"champion":1},"versions":[]}""" : """{"name":"iris","aliases":{},"versions":[]}""");

    private static string Finished(bool promoted) =>
        """{"runId":"RUN","model":"iris","dataset":"iris/a.csv","status":"Completed","stages":[{"name":"validate","status":"Completed","startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:00:01.5Z","detail":"150 rows"},{"name":"train","status":"Completed","startedAt":"2026-01-01T00:00:01.5Z","endedAt":"2026-01-01T00:00:07Z","detail":"LightGbm"},{"name":"evaluate","status":"Completed","startedAt":"2026-01-01T00:00:07Z","endedAt":"2026-01-01T00:00:08Z","detail":null}],"version":1,"promoted":PROMOTED,"reason":"REASON","search":{"trialsDone":4,"trialsPlanned":4,"trialsFailed":0,"trialsStoppedEarly":0,"metric":"macroF1","bestTrainer":"LightGbm","bestValue":0.96,"bestTrial":3}}"""
            .Replace("RUN", RunId, StringComparison.Ordinal)
            .Replace("PROMOTED", promoted ? "true" : "false", StringComparison.Ordinal)
            .Replace("REASON", promoted ? "Better than the champion." : "Not better than the champion.", StringComparison.Ordinal);
}
