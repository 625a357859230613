using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>The whole loop through the DevHost: HTTP upload or blob drop, the Durable run on Azurite, the registry, serving.</summary>
public sealed class TrainingPipelineEndToEndTests(DevHostFixture fixture) : IClassFixture<DevHostFixture>
{
    private MlopsApi Api => fixture.Api;

    [Fact]
    public async Task BreastCancer_UploadedOverHttp_BecomesChampionAndPredictsHeldOutRowsAccurately()
    {
        var split = HeldOutSplit.Of(SampleDatasets.BreastCancer);
        var accepted = await Api.UploadAsync("breast-cancer", split.TrainingCsv);

        var run = await Api.WaitForRunAsync(accepted["runId"]!.GetValue<string>());

        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal(1, run["version"]!.GetValue<int>());
        Assert.True(run["promoted"]!.GetValue<bool>(), run.ToJsonString());
        var model = await Api.GetObjectAsync("api/models/breast-cancer");
        Assert.Equal(1, model["aliases"]!["champion"]!.GetValue<int>());

        // The search that chose it: every trial recorded, the winner the registered trainer.
        Assert.Equal(4, run["search"]!["trialsDone"]!.GetValue<int>());
        var search = await Api.GetObjectAsync($"api/runs/{accepted["runId"]!.GetValue<string>()}/trials");
        var trials = search["trials"]!.AsArray();
        Assert.Equal(4, trials.Count);
        var winner = trials.Single(t => t!["index"]!.GetValue<int>() == search["winner"]!.GetValue<int>())!;
        var version = await Api.GetObjectAsync("api/models/breast-cancer/versions/1");
        // The winner itself, or a blend led by it when averaging it with another trainer's best won on the folds.
        var registered = version["trainer"]!.GetValue<string>();
        var winning = winner["configuration"]!["trainer"]!.GetValue<string>();
        Assert.True(registered == winning || registered.StartsWith($"Ensemble({winning}, ", StringComparison.Ordinal), $"{registered} vs winner {winning}");
        Assert.All(trials, t => Assert.True(t!["durationSeconds"]!.GetValue<double>() > 0));

        var instances = split.HeldOut.Select(r => new { features = split.Features(r) }).ToArray();
        var (status, _, body) = await Api.PostJsonAsync("api/models/breast-cancer/predict", new { instances });
        Assert.Equal(HttpStatusCode.OK, status);
        var predictions = body!["predictions"]!.AsArray();
        Assert.Equal(split.HeldOut.Count, predictions.Count);
        Assert.All(predictions, p => Assert.Equal(1, p!["version"]!.GetValue<int>()));
        var correct = split.HeldOut.Where((row, i) => predictions[i]!["prediction"]!.GetValue<string>() == HeldOutSplit.Label(row)).Count();
        var accuracy = (double)correct / split.HeldOut.Count;
        Assert.True(accuracy > 0.9, string.Create(CultureInfo.InvariantCulture, $"Held-out accuracy {accuracy:0.###} is not above 0.9."));
        if (!registered.StartsWith("Ensemble(", StringComparison.Ordinal))
        {
            await OnnxDownload.AssertScoresAsServedAsync(Api, "breast-cancer", 1, split, split.HeldOut.Count);
        }
    }

    [Theory]
    [InlineData(SampleDatasets.Diabetes, "diabetes", "rmse")]
    [InlineData(SampleDatasets.Wine, "wine", "macroF1")]
    public async Task RegressionAndMulticlassDatasets_EachReachAChampion_AndTheirOnnxScoresAsServed(string sample, string model, string primaryMetric)
    {
        // A model meant to run elsewhere asks for no blend, which would have no ONNX export.
        var (specStatus, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/spec", "{\"ensemble\": false}");
        Assert.Equal(HttpStatusCode.OK, specStatus);
        var split = HeldOutSplit.Of(sample);
        var accepted = await Api.UploadAsync(model, split.TrainingCsv);

        var run = await Api.WaitForRunAsync(accepted["runId"]!.GetValue<string>());

        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var details = await Api.GetObjectAsync($"api/models/{model}");
        Assert.Equal(run["version"]!.GetValue<int>(), details["aliases"]!["champion"]!.GetValue<int>());
        Assert.NotNull(details["versions"]![0]!["metrics"]![primaryMetric]);
        await OnnxDownload.AssertScoresAsServedAsync(Api, model, run["version"]!.GetValue<int>(), split, split.HeldOut.Count);
    }

    [Fact]
    public async Task Artifact_BadFormatOrVersion_AnswersProblemJson()
    {
        var run = await Api.WaitForRunAsync((await Api.UploadAsync("iris-artifact", SampleDatasets.Bytes(SampleDatasets.Iris)))["runId"]!.GetValue<string>());
        var version = run["version"]!.GetValue<int>();

        var zip = await Api.Http.GetAsync(new Uri($"api/models/iris-artifact/versions/{version}/artifact", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        var manifest = await Api.GetObjectAsync($"api/models/iris-artifact/versions/{version}");
        Assert.Equal(manifest["modelSha256"]!.GetValue<string>(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await zip.Content.ReadAsByteArrayAsync())));

        var (status, type, body) = await Api.SendAsync(HttpMethod.Get, $"api/models/iris-artifact/versions/{version}/artifact?format=pmml", null);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, type));
        Assert.Equal("Format 'pmml' is not one of mlnet, onnx.", body!["detail"]!.GetValue<string>());
        (status, type, body) = await Api.SendAsync(HttpMethod.Get, "api/models/iris-artifact/versions/99/artifact?format=onnx", null);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, type));
        Assert.Equal("Model 'iris-artifact' has no version 99.", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoVersions_ComparedOverHttp_ShowTheSharedHoldoutInterval_AndEachKeepsItsEvaluation()
    {
        var first = await Api.WaitForRunAsync((await Api.UploadAsync("wine-compare", SampleDatasets.Bytes(SampleDatasets.Wine)))["runId"]!.GetValue<string>());
        var lines = File.ReadAllLines(SampleDatasets.PathOf(SampleDatasets.Wine));
        var half = Encoding.UTF8.GetBytes(string.Join('\n', lines.Where((_, i) => i == 0 || i % 2 == 1)) + "\n");
        var second = await Api.WaitForRunAsync((await Api.UploadAsync("wine-compare", half))["runId"]!.GetValue<string>());

        Assert.Equal(5, first["pipelineVersion"]!.GetValue<int>());
        var gate = first["gates"]!.AsArray().Single()!;
        Assert.Equal("improvement", gate["gate"]!.GetValue<string>());
        Assert.Equal("the majority class", gate["against"]!.GetValue<string>());
        Assert.True(gate["passed"]!.GetValue<bool>(), first.ToJsonString());
        Assert.Equal(2, second["version"]!.GetValue<int>());

        var evaluation = (await Api.GetObjectAsync("api/models/wine-compare/versions/1"))["evaluation"]!;
        Assert.Equal(3, evaluation["confusionMatrix"]!["classes"]!.AsArray().Count);
        Assert.Equal(13, evaluation["importance"]!.AsArray().Count);

        var comparison = await Api.GetObjectAsync("api/models/wine-compare/compare?versions=1,2");
        Assert.Null(comparison["sharedHoldout"]!["problem"]);
        Assert.Equal(2, comparison["sharedHoldout"]!["version"]!.GetValue<int>());
        Assert.True(comparison["sharedHoldout"]!["rows"]!.GetValue<int>() > 10);
        var shared = comparison["metrics"]!["macroF1"]!["shared"]!;
        var (lower, estimate, upper) = (shared["lower"]!.GetValue<double>(), shared["estimate"]!.GetValue<double>(), shared["upper"]!.GetValue<double>());
        Assert.True(lower <= estimate && estimate <= upper, shared.ToJsonString());
        Assert.NotNull(comparison["parameters"]);
        Assert.False(comparison["schema"]!["taskChanged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task IdenticalContent_UploadedTwice_TrainsOnce()
    {
        var csv = SampleDatasets.Bytes(SampleDatasets.Iris);
        var first = await Api.UploadAsync("iris-twice", csv);
        await Api.WaitForRunAsync(first["runId"]!.GetValue<string>());

        var second = await Api.UploadAsync("iris-twice", csv);

        Assert.Equal(first["runId"]!.GetValue<string>(), second["runId"]!.GetValue<string>());
        Assert.False(second["started"]!.GetValue<bool>());
        var details = await Api.GetObjectAsync("api/models/iris-twice");
        Assert.Single(details["versions"]!.AsArray());
    }

    [Fact]
    public async Task CsvDroppedIntoTheDatasetsContainer_StartsARun()
    {
        var csv = SampleDatasets.Bytes(SampleDatasets.Iris);
        var container = new BlobServiceClient(fixture.StorageConnectionString).GetBlobContainerClient("datasets");
        await container.CreateIfNotExistsAsync();

        await container.GetBlobClient("iris-dropped/monday.csv").UploadAsync(new BinaryData(csv));

        var runId = $"iris-dropped-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv))[..16]}";
        var run = await WaitForRunToExistAsync(runId);
        run = await Api.WaitForRunAsync(runId);
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal("iris-dropped/monday.csv", run["dataset"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ragged", "a,b,label\n1,2,x\n3,4\n", "line 3")]
    [InlineData("empty", "", "empty")]
    [InlineData("all-missing", null, "no value in any")]
    [InlineData("no-label", null, "target")]
    public async Task MalformedDataset_IsQuarantinedWithAReasonAndNoVersion(string name, string? csv, string reasonMentions)
    {
        var model = "bad-" + name;
        var content = csv ?? (name == "all-missing" ? AllMissingColumnCsv() : NumericCsv());
        if (name == "no-label")
        {
            var container = new BlobServiceClient(fixture.StorageConnectionString).GetBlobContainerClient("datasets");
            await container.CreateIfNotExistsAsync();
            await container.GetBlobClient($"{model}/mlops.json").UploadAsync(BinaryData.FromString("{\"label\":\"target\"}"), overwrite: true);
        }

        var accepted = await Api.UploadAsync(model, Encoding.UTF8.GetBytes(content));
        var run = await Api.WaitForRunAsync(accepted["runId"]!.GetValue<string>());

        Assert.Equal("Quarantined", run["status"]!.GetValue<string>());
        Assert.Contains(reasonMentions, run["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(run["version"]?.GetValue<int?>());
        var (status, _, _) = await Api.SendAsync(HttpMethod.Get, $"api/models/{model}", null);
        Assert.Equal(HttpStatusCode.NotFound, status);
        var quarantine = new BlobServiceClient(fixture.StorageConnectionString).GetBlobContainerClient("quarantine");
        var dataset = run["dataset"]!.GetValue<string>();
        Assert.True(await quarantine.GetBlobClient(dataset).ExistsAsync());
        Assert.True(await quarantine.GetBlobClient(dataset + ".report.json").ExistsAsync());
    }

    [Fact]
    public async Task SpecPutOverHttp_IsValidatedStoredAndDecidesTheNextRun()
    {
        const string Model = "spec-over-http";

        var (invalid, contentType, problem) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", """{"label": "target", "thresholds": {"minRows": -5}}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("minRows", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var (gates, field) in new[] { ("""{"gates": {"thresholds": {"aucc": {"min": 0.8}}}}""", "'gates.thresholds.aucc'"), ("""{"gates": {"minImprovement": -0.1}}""", "'gates.minImprovement'") })
        {
            var (refused, _, why) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", gates);
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.Contains(field, why!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var (missing, _, _) = await Api.SendAsync(HttpMethod.Get, $"api/models/{Model}/spec", null);
        Assert.Equal(HttpStatusCode.NotFound, missing);

        var (stored, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", """{"thresholds": {"minRows": 1000}} """);
        Assert.Equal(HttpStatusCode.OK, stored);
        var spec = await Api.GetObjectAsync($"api/models/{Model}/spec");
        Assert.Equal(1000, spec["spec"]!["thresholds"]!["minRows"]!.GetValue<int>());

        // breast_cancer has 569 rows: enough by default, too few for this model's spec.
        var accepted = await Api.UploadAsync(Model, SampleDatasets.Bytes(SampleDatasets.BreastCancer));
        var run = await Api.WaitForRunAsync(accepted["runId"]!.GetValue<string>());

        Assert.Equal("Quarantined", run["status"]!.GetValue<string>());
        Assert.Contains("1,000", run["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The same bytes name the same run, so the way to train this file once the spec is fixed is to restart its run:
        // it is validated again from the start under the spec as it is now.
        var runId = accepted["runId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", """{"thresholds": {"minRows": 100}}""")).Status);
        var (restarted, _, restart) = await Api.SendAsync(HttpMethod.Post, $"api/runs/{runId}/restart", """{"reason":"minRows lowered"}""");
        Assert.Equal(HttpStatusCode.Accepted, restarted);
        Assert.Equal(2, restart!["attempt"]!.GetValue<int>());
        var clock = Stopwatch.StartNew();
        while ((run = await Api.WaitForRunAsync(runId))["attempt"]?.GetValue<int>() != 2 && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(300);
        }

        Assert.Equal(("Completed", 2, 1), (run["status"]!.GetValue<string>(), run["attempt"]!.GetValue<int>(), run["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AFileTrainedOnce_IsTrainedAgainUnderAChangedSpec_WhenAskedTo_OnceForEachSpec()
    {
        const string Model = "iris-retrained";
        var csv = SampleDatasets.Bytes(SampleDatasets.Iris);
        // Asked before the content has any run, it is a first upload: the content's own run, not a retraining.
        var first = await Api.UploadAsync(Model, csv, "?retrain=true");
        var firstRunId = first["runId"]!.GetValue<string>();
        Assert.True(first["started"]!.GetValue<bool>());
        var firstRun = await Api.WaitForRunAsync(firstRunId);
        Assert.Equal("Completed", firstRun["status"]!.GetValue<string>());
        Assert.DoesNotContain("trained again", firstRun["trigger"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", """{"ignore": ["sepal_width_cm"]}""")).Status);

        // Without asking, the same bytes are the same run; asked, they train again under the spec as it is now.
        Assert.Equal((firstRunId, false), Started(await Api.UploadAsync(Model, csv)));
        var again = await Api.UploadAsync(Model, csv, "?retrain=true");
        var (againRunId, started) = Started(again);
        Assert.True(started);
        Assert.NotEqual(firstRunId, againRunId);
        Assert.Equal(first["dataset"]!.GetValue<string>(), again["dataset"]!.GetValue<string>());
        var run = await Api.WaitForRunAsync(againRunId);
        Assert.Equal(("Completed", 2), (run["status"]!.GetValue<string>(), run["version"]!.GetValue<int>()));
        Assert.Contains("trained again", run["trigger"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var features = (await Api.GetObjectAsync($"api/runs/{againRunId}/validation"))["schema"]!["features"]!.AsArray().Select(f => f!["name"]!.GetValue<string>());
        Assert.DoesNotContain("sepal_width_cm", features);

        // Once per spec: asking again, by upload or on the stored file, names that run; a bad flag is a 400.
        Assert.Equal((againRunId, false), Started(await Api.UploadAsync(Model, csv, "?retrain=true")));
        var (_, _, manual) = await Api.PostJsonAsync($"api/models/{Model}/runs", new { dataset = first["dataset"]!.GetValue<string>(), retrain = true });
        Assert.Equal((againRunId, false), Started(manual!.AsObject()));
        var (badFlag, contentType, _) = await Api.SendAsync(HttpMethod.Post, $"api/datasets/{Model}?retrain=yes", "a,b\n1,2\n", "text/csv");
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (badFlag, contentType));

        static (string RunId, bool Started) Started(JsonObject answer) => (answer["runId"]!.GetValue<string>(), answer["started"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"features\":{\"mean_radius\":1.0}}", "missing")]
    [InlineData("{\"features\":{\"mean_radius\":\"big\"}}", "mean_radius")]
    public async Task Predict_WithABadRequest_AnswersProblemJsonNamingTheProblem(string body, string detailMentions)
    {
        await EnsureChampionAsync("predict-errors");

        var (status, contentType, problem) = await Api.SendAsync(HttpMethod.Post, "api/models/predict-errors/predict", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(detailMentions, problem!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("INVALID_PARAMETER_VALUE", problem["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_ForAnUnknownModel_AnswersNotFoundProblem()
    {
        var (status, contentType, problem) = await Api.PostJsonAsync("api/models/no-such-model/predict", new { features = new { x = 1 } });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("no-such-model", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_WithAnInvalidModelName_AnswersBadRequestNamingTheRule()
    {
        var (status, _, problem) = await Api.PostJsonAsync("api/models/Bad_Name/predict", new { features = new { x = 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("lower-case letters", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImbalancedDataset_ShowsItsWarningWithTheMitigation_InTheRunAndItsValidation_AndTheModelsRunsListIt()
    {
        var accepted = await Api.UploadAsync("churn-mix", SyntheticCsv.Imbalanced(rows: 2100, ratio: 20, seed: 3));
        var runId = accepted["runId"]!.GetValue<string>();
        var run = await Api.WaitForRunAsync(runId);

        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal("upload", run["trigger"]!["kind"]!.GetValue<string>());
        var warning = run["findings"]!.AsArray().Single(f => f!["rule"]!.GetValue<string>() == "class-imbalance")!;
        Assert.Equal("warning", warning["severity"]!.GetValue<string>());
        Assert.Contains("class-weights", warning["mitigation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(warning["observed"]!.GetValue<double>() < warning["threshold"]!.GetValue<double>());

        var validation = await Api.GetObjectAsync($"api/runs/{runId}/validation");
        Assert.True(validation["passed"]!.GetValue<bool>());
        Assert.Contains(validation["findings"]!.AsArray(), f => f!["rule"]!.GetValue<string>() == "class-imbalance" && f["mitigation"] is not null);
        Assert.NotEmpty(validation["contract"]!["columns"]!.AsArray());

        var (status, _, second) = await Api.PostJsonAsync("api/models/churn-mix/runs", new { dataset = accepted["dataset"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(second!["started"]!.GetValue<bool>());
        var runs = (await Api.SendAsync(HttpMethod.Get, "api/models/churn-mix/runs", null)).Body!.AsArray();
        var listed = Assert.Single(runs)!;
        Assert.Equal((runId, "Completed", "upload"), (listed["runId"]!.GetValue<string>(), listed["status"]!.GetValue<string>(), listed["trigger"]!["kind"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.SendAsync(HttpMethod.Get, "api/models/churn-mix/runs?top=0", null)).Status);

        var events = (await Api.SendAsync(HttpMethod.Get, "api/models/churn-mix/events", null)).Body!.AsArray();
        Assert.Equal(["version.registered", "alias.moved"], events.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(1, events[1]!["data"]!["to"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, "api/runs/churn-mix-0000000000000000/validation", null)).Status);
    }

    [Theory]
    [InlineData("DELETE", "api/models/iris", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "api/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/models/iris/predict", HttpStatusCode.MethodNotAllowed)]
    public async Task TheHostsOwnRefusals_AreProblemJsonToo(string method, string path, HttpStatusCode expected)
    {
        var (status, contentType, problem) = await Api.SendAsync(new HttpMethod(method), path, null);

        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.False(string.IsNullOrEmpty(problem!["detail"]!.GetValue<string>()));
    }

    private async Task EnsureChampionAsync(string model)
    {
        var accepted = await Api.UploadAsync(model, SampleDatasets.Bytes(SampleDatasets.BreastCancer));
        var run = await Api.WaitForRunAsync(accepted["runId"]!.GetValue<string>());
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
    }

    private async Task<JsonObject> WaitForRunToExistAsync(string runId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var (status, _, body) = await Api.SendAsync(HttpMethod.Get, $"api/runs/{runId}", null);
            if (status == HttpStatusCode.OK)
            {
                return body!.AsObject();
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"No run {runId} appeared for the dropped blob.");
    }

    private static string NumericCsv()
    {
        var csv = new StringBuilder("a,b,label\n");
        for (var i = 0; i < 60; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{i * 2},{i % 2}\n");
        }

        return csv.ToString();
    }

    private static string AllMissingColumnCsv()
    {
        var csv = new StringBuilder("a,empty,label\n");
        for (var i = 0; i < 60; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},,{i % 2}\n");
        }

        return csv.ToString();
    }
}
