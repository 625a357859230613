using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Cli.Tests.Commands;

/// <summary>Each command line becomes the request the API documents: route, body, key and address.</summary>
public class RequestTests
{
    private const string Moved = """{"model":"iris","alias":"champion","version":3,"previousVersion":2}""";
    private const string Experiment = """{"id":"exp1","model":"iris","strategy":"ab","status":"Running","traffic":0.5,"metric":"accuracy","champion":{"version":2,"predictions":0,"labelled":0,"value":null},"challenger":{"version":3,"predictions":0,"labelled":0,"value":null},"difference":null,"looks":[],"decision":null}""";

    [Fact]
    public async Task Promote_PutsTheChampionAlias()
    {
        var api = new FakeApi().On("PUT /api/models/iris/aliases/champion", HttpStatusCode.OK, Moved);

        var run = await CliRun.InvokeAsync(api, "promote", "iris", "3");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("""{"version":3}""", api.Sent.Single().Body);
        Assert.Equal("iris: champion promoted from version 2 to version 3.", run.Out.Trim());
    }

    [Fact]
    public async Task Rollback_WithAnAlias_PutsThatAlias()
    {
        var api = new FakeApi().On("PUT /api/models/iris/aliases/staging", HttpStatusCode.OK, """{"model":"iris","alias":"staging","version":1,"previousVersion":2}""");

        var run = await CliRun.InvokeAsync(api, "rollback", "iris", "1", "--alias", "staging");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("""{"version":1}""", api.Sent.Single().Body);
        Assert.Contains("staging rolled back from version 2 to version 1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_VersionZero_ExitsUsage_SendsNothing()
    {
        var api = new FakeApi();

        var run = await CliRun.InvokeAsync(api, "promote", "iris", "0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task ExperimentsStart_SendsChallengerTrafficAndStrategy()
    {
        var api = new FakeApi().On("POST /api/models/iris/experiments", HttpStatusCode.Created, Experiment);

        var run = await CliRun.InvokeAsync(api, "experiments", "start", "iris", "--challenger", "3", "--traffic", "0.5", "--strategy", "shadow");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"challenger":3,"traffic":0.5,"strategy":"shadow"}"""), JsonNode.Parse(api.Sent.Single().Body!)));
        Assert.Contains("exp1", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show", "GET /api/models/iris/experiments/exp1")]
    [InlineData("approve", "POST /api/models/iris/experiments/exp1/approve")]
    [InlineData("stop", "POST /api/models/iris/experiments/exp1/stop")]
    public async Task Experiments_VerbModelId_CallsItsRoute(string verb, string route)
    {
        var api = new FakeApi().On(route, HttpStatusCode.OK, Experiment);

        var run = await CliRun.InvokeAsync(api, "experiments", verb, "iris", "exp1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(route, api.Sent.Single().Route);
    }

    [Theory]
    [InlineData("monitoring", "run", "iris")]
    [InlineData("monitoring", "iris", "--run")]
    public async Task MonitoringRun_ClosesAWindow(string command, string first, string second)
    {
        var api = new FakeApi().On("POST /api/models/iris/monitoring/run", HttpStatusCode.OK, """{"id":"w1","rows":0,"status":"insufficient"}""");

        var run = await CliRun.InvokeAsync(api, command, first, second);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("POST /api/models/iris/monitoring/run", api.Sent.Single().Route);
    }

    [Theory]
    [InlineData(new[] { "score", "iris", "night.csv" }, """{"file":"night.csv"}""")]
    [InlineData(new[] { "score", "iris", "night.csv", "--version", "2", "--log-predictions" }, """{"file":"night.csv","version":2,"logPredictions":true}""")]
    public async Task Score_SendsTheFile_AndLogPredictionsOnlyWhenAsked(string[] args, string body)
    {
        var api = new FakeApi().On("POST /api/models/iris/score", HttpStatusCode.Accepted, """{"jobId":"score-iris-0123456789abcdef","model":"iris","file":"night.csv","version":2,"started":true}""");

        var run = await CliRun.InvokeAsync(api, args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(api.Sent.Single().Body!)), api.Sent.Single().Body);
    }

    [Fact]
    public async Task Score_LocalFileWithOut_SendsTheCsv_WatchesTheJob_AndWritesTheScoredAndRejectedFiles()
    {
        var directory = Directory.CreateTempSubdirectory("mlops-cli-score-");
        try
        {
            var local = Path.Combine(directory.FullName, "night.csv");
            await File.WriteAllTextAsync(local, "a,b\n1,2\nx,3\n");
            const string Job = "score-iris-0123456789abcdef";
            var api = new FakeApi()
                .On("POST /api/models/iris/score?name=night.csv&version=2&logPredictions=true", HttpStatusCode.Accepted, $$"""{"jobId":"{{Job}}","model":"iris","file":"night.csv","version":2,"started":true}""")
                .On($"GET /api/jobs/{Job}", HttpStatusCode.OK, $$"""{"jobId":"{{Job}}","status":"Running","rowsTotal":null,"rowsDone":0,"rowsRejected":0}""")
                .On($"GET /api/jobs/{Job}", HttpStatusCode.OK, $$"""{"jobId":"{{Job}}","status":"Running","rowsTotal":2,"rowsDone":1,"rowsRejected":0}""")
                .On($"GET /api/jobs/{Job}", HttpStatusCode.OK, $$"""{"jobId":"{{Job}}","status":"Completed","rowsTotal":2,"rowsDone":2,"rowsRejected":1,"reason":"Scored 2 of 2 rows; 1 rejected."}""")
                .On($"GET /api/jobs/{Job}/output", HttpStatusCode.OK, "a,b,prediction\n1,2,yes\n", "text/csv")
                .On($"GET /api/jobs/{Job}/rejected", HttpStatusCode.OK, "row,reason\n2,not a number\n", "text/csv");
            var target = Path.Combine(directory.FullName, "scored.csv");

            var run = await CliRun.InvokeAsync(api, "score", "iris", local, "--version", "2", "--log-predictions", "--out", target, "--interval", "0.01");

            Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
            Assert.Equal("a,b\n1,2\nx,3\n", api.Sent[0].Body);
            Assert.Equal("a,b,prediction\n1,2,yes\n", await File.ReadAllTextAsync(target));
            Assert.Equal("row,reason\n2,not a number\n", await File.ReadAllTextAsync(Path.Combine(directory.FullName, "scored.rejected.csv")));
            Assert.Contains($"{Job}: Running, counting the file's rows", run.Out, StringComparison.Ordinal);
            Assert.Contains("1 of 2 rows", run.Out, StringComparison.Ordinal);
            Assert.Contains("Scored 2 of 2 rows; 1 rejected.", run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(directory.GetFiles(), f => f.Name.EndsWith(".partial", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Score_WatchedJobFails_ExitsFailed_AndWritesNothing()
    {
        const string Job = "score-iris-0123456789abcdef";
        var api = new FakeApi()
            .On("POST /api/models/iris/score", HttpStatusCode.Accepted, $$"""{"jobId":"{{Job}}","model":"iris","file":"night.csv","version":2,"started":true}""")
            .On($"GET /api/jobs/{Job}", HttpStatusCode.OK, $$"""{"jobId":"{{Job}}","status":"Failed","rowsTotal":null,"rowsDone":0,"rowsRejected":0,"reason":"The file lacks the features petal_width."}""");
        var target = Path.Combine(Path.GetTempPath(), $"mlops-never-{Guid.NewGuid():N}.csv");

        var run = await CliRun.InvokeAsync(api, "score", "iris", "night.csv", "--out", target, "--interval", "0.01");

        Assert.Equal(ExitCodes.RunFailed, run.ExitCode);
        Assert.Contains("lacks the features petal_width", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.DoesNotContain(api.Sent, r => r.Route.EndsWith("/output", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Predict_Features_SendsOneRowWithTheEntity()
    {
        var api = new FakeApi().On("POST /api/models/iris/predict", HttpStatusCode.OK, """{"prediction":"setosa","probabilities":{"setosa":0.9},"score":0.9,"version":1,"variant":"champion","predictionId":"p1"}""");

        var run = await CliRun.InvokeAsync(api, "predict", "iris", "--features", """{"petal_length_cm":1.4}""", "--entity-id", "user-1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"features":{"petal_length_cm":1.4},"entityId":"user-1"}"""), JsonNode.Parse(api.Sent.Single().Body!)));
        Assert.Contains("setosa", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_FileWithAnArray_SendsABatch()
    {
        var api = new FakeApi().On("POST /api/models/iris/predict", HttpStatusCode.OK, """{"predictions":[]}""");
        var file = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """[{"petal_length_cm":1.4},{"petal_length_cm":5.1}]""");
        try
        {
            var run = await CliRun.InvokeAsync(api, "predict", "iris", "--file", file);

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"instances":[{"petal_length_cm":1.4},{"petal_length_cm":5.1}]}"""), JsonNode.Parse(api.Sent.Single().Body!)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Feedback_SendsThePredictionIdAndTheLabel()
    {
        var api = new FakeApi().On("POST /api/models/iris/feedback", HttpStatusCode.OK, """{"model":"iris","predictionId":"p1","label":"setosa","pending":false}""");

        var run = await CliRun.InvokeAsync(api, "feedback", "iris", "--prediction-id", "p1", "--label", "setosa");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("""{"predictionId":"p1","label":"setosa"}""", api.Sent.Single().Body);
    }

    [Fact]
    public async Task RunsRestart_PostsTheReason_AndSaysTheAttempt()
    {
        var api = new FakeApi().On("POST /api/runs/iris-0123456789abcdef/restart", HttpStatusCode.Accepted, """{"runId":"iris-0123456789abcdef","attempt":2,"reason":"label set in the spec"}""");

        var run = await CliRun.InvokeAsync(api, "runs", "restart", "iris-0123456789abcdef", "--reason", "label set in the spec");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("""{"reason":"label set in the spec"}""", api.Sent.Single().Body);
        Assert.Contains("Run iris-0123456789abcdef restarted: attempt 2.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsRestart_ACompletedRun_PrintsTheConflict_AndSendsNothingElse()
    {
        var api = new FakeApi().On("POST /api/runs/iris-0123456789abcdef/restart", HttpStatusCode.Conflict,
            """{"title":"Conflict","status":409,"detail":"Run 'iris-0123456789abcdef' completed (version 3); there is nothing to restart.","errorCode":"CONFLICT"}""");

        var run = await CliRun.InvokeAsync(api, "runs", "restart", "iris-0123456789abcdef");

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("completed (version 3)", run.Error, StringComparison.Ordinal);
        Assert.Single(api.Sent);
    }

    [Fact]
    public async Task Compare_AsksForBothVersions()
    {
        var api = new FakeApi().On("GET /api/models/iris/compare?versions=1,2", HttpStatusCode.OK, """{"model":"iris","versions":[],"metrics":{"accuracy":{"a":0.9,"b":0.95,"delta":0.05,"shared":{"estimate":0.05,"lower":0.01,"upper":0.09}}}}""");

        var run = await CliRun.InvokeAsync(api, "compare", "iris", "1", "2");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("0.05 [0.01, 0.09]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyAndUrl_FromTheEnvironment_AreUsed()
    {
        var api = new FakeApi().On("GET /api/models", HttpStatusCode.OK, "[]");
        var environment = new Dictionary<string, string> { ["MLOPS_URL"] = "https://func-abc.azurewebsites.net/api/", ["MLOPS_KEY"] = "env-key" };

        var run = await CliRun.InvokeAsync(api, environment, "models");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var sent = api.Sent.Single();
        Assert.Equal("env-key", sent.Key);
        Assert.Equal(new Uri("https://func-abc.azurewebsites.net/api/models"), sent.Uri);
    }

    [Fact]
    public async Task KeyOption_WinsOverTheEnvironment()
    {
        var api = new FakeApi().On("GET /api/models", HttpStatusCode.OK, "[]");

        await CliRun.InvokeAsync(api, new Dictionary<string, string> { ["MLOPS_KEY"] = "env-key" }, "models", "--key", "flag-key");

        Assert.Equal("flag-key", api.Sent.Single().Key);
    }

    [Fact]
    public async Task NoKey_SendsNoKeyHeader()
    {
        var api = new FakeApi().On("GET /api/models", HttpStatusCode.OK, "[]");

        await CliRun.InvokeAsync(api, "models");

        Assert.Null(api.Sent.Single().Key);
        Assert.Equal(new Uri("http://127.0.0.1:7071/api/models"), api.Sent.Single().Uri);
    }

    [Fact]
    public async Task Models_Json_IsTheApisJson()
    {
        const string models = """[{"name":"iris","aliases":{"champion":2},"latestVersion":3}]""";
        var api = new FakeApi().On("GET /api/models", HttpStatusCode.OK, models);

        var run = await CliRun.InvokeAsync(api, "models", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(models), JsonNode.Parse(run.Out)));
    }

    [Fact]
    public async Task Runs_WithoutModel_MergesEveryModelsRunsNewestFirst()
    {
        var api = new FakeApi()
            .On("GET /api/models", HttpStatusCode.OK, """[{"name":"iris","aliases":{},"latestVersion":1},{"name":"wine","aliases":{},"latestVersion":1}]""")
            .On("GET /api/models/iris/runs", HttpStatusCode.OK, """[{"runId":"iris-0000000000000001","status":"Completed","dataset":"iris/a.csv","trigger":{"kind":"upload","detail":null},"startedAt":"2026-01-01T00:00:00Z","version":1}]""")
            .On("GET /api/models/wine/runs", HttpStatusCode.OK, """[{"runId":"wine-0000000000000002","status":"Failed","dataset":"wine/a.csv","trigger":null,"startedAt":"2026-01-02T00:00:00Z","version":null}]""");

        var run = await CliRun.InvokeAsync(api, "runs", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(["wine-0000000000000002", "iris-0000000000000001"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
    }

    [Fact]
    public async Task RunsShow_BadRunId_ExitsUsage_SendsNothing()
    {
        var api = new FakeApi();

        var run = await CliRun.InvokeAsync(api, "runs", "show", "iris-xyz");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Run id 'iris-xyz' is invalid", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task SpecPut_InvalidJson_ExitsUsage_SendsNothing()
    {
        var api = new FakeApi();
        var file = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"label\": ");
        try
        {
            var run = await CliRun.InvokeAsync(api, "spec", "put", "iris", file);

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Contains("is not valid JSON", run.Error, StringComparison.Ordinal);
            Assert.Empty(api.Sent);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SpecPut_RefusedByTheApi_PrintsItsSentence()
    {
        var api = new FakeApi().OnProblem("PUT /api/models/iris/spec", HttpStatusCode.BadRequest, "Invalid request", "mlops.json is not valid: 'label' must be a column name.", "INVALID_PARAMETER_VALUE");
        var file = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"label": 42}""");
        try
        {
            var run = await CliRun.InvokeAsync(api, "spec", "put", "iris", file);

            Assert.Equal(ExitCodes.ApiError, run.ExitCode);
            Assert.Equal("""{"label": 42}""", api.Sent.Single().Body);
            Assert.Contains("Invalid request (400 INVALID_PARAMETER_VALUE): mlops.json is not valid: 'label' must be a column name.", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
