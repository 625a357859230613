using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>Batch scoring through the DevHost: a real champion, a file dropped into the scoring container, the job over HTTP.</summary>
public sealed class ScoringEndToEndTests(DevHostFixture fixture) : IClassFixture<DevHostFixture>
{
    private MlopsApi Api => fixture.Api;

    [Fact]
    public async Task AFileDroppedIntoScoring_IsScoredByTheChampion_InInputOrder_AndTheJobReportsItsRows()
    {
        var run = await Api.WaitForRunAsync((await Api.UploadAsync("iris-scoring", SampleDatasets.Bytes(SampleDatasets.Iris)))["runId"]!.GetValue<string>());
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var lines = Encoding.UTF8.GetString(SampleDatasets.Bytes(SampleDatasets.Iris)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var csv = new StringBuilder("id,").Append(lines[0][..lines[0].LastIndexOf(',')]).Append('\n');
        for (var i = 1; i <= 400; i++)
        {
            var row = lines[1 + ((i - 1) % (lines.Length - 1))];
            csv.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(i == 7 ? "abc" + row[row.IndexOf(',')..row.LastIndexOf(',')] : row[..row.LastIndexOf(',')]).Append('\n');
        }

        var blobs = new BlobServiceClient(fixture.StorageConnectionString);
        await blobs.GetBlobContainerClient("scoring").GetBlobClient("iris-scoring/batch.csv").UploadAsync(BinaryData.FromString(csv.ToString()));

        // The route names the job the drop started (or starts it, whichever comes first): one job for one file and version.
        var (status, _, accepted) = await Api.PostJsonAsync("api/models/iris-scoring/score", new { file = "batch.csv" });
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.OK, status.ToString());
        var jobId = accepted!["jobId"]!.GetValue<string>();
        var job = await WaitForJobAsync(jobId);

        Assert.Equal("Completed", job["status"]!.GetValue<string>());
        Assert.Equal("scoring", job["kind"]!.GetValue<string>());
        Assert.Equal((400, 400, 1), (job["rowsTotal"]!.GetValue<long>(), job["rowsDone"]!.GetValue<long>(), job["rowsRejected"]!.GetValue<long>()));
        var scored = (await blobs.GetBlobContainerClient("scored").GetBlobClient("iris-scoring/batch.csv").DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,", scored[0], StringComparison.Ordinal);
        Assert.Contains(",prediction,probability_", scored[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 400).Where(i => i != 7).Select(i => i.ToString(CultureInfo.InvariantCulture)), scored[1..].Select(l => l.Split(',')[0]));
        var rejected = (await blobs.GetBlobContainerClient("scored").GetBlobClient("iris-scoring/batch.rejected.csv").DownloadContentAsync()).Value.Content.ToString();
        Assert.StartsWith("row,reason\n7,", rejected, StringComparison.Ordinal);

        var (unknown, contentType, _) = await Api.SendAsync(HttpMethod.Get, "api/jobs/score-iris-scoring-0123456789abcdef", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobAskedToLogItsRows_WritesTheirIds_TakesFeedbackOnThem_AndMonitoringReadsThem()
    {
        const string Model = "iris-logged";
        var run = await Api.WaitForRunAsync((await Api.UploadAsync(Model, SampleDatasets.Bytes(SampleDatasets.Iris)))["runId"]!.GetValue<string>());
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var lines = Encoding.UTF8.GetString(SampleDatasets.Bytes(SampleDatasets.Iris)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var labels = lines[1..].Select(l => l[(l.LastIndexOf(',') + 1)..]).ToArray();
        var csv = new StringBuilder(lines[0][..lines[0].LastIndexOf(',')]).Append('\n');
        foreach (var row in lines[1..])
        {
            csv.Append(row[..row.LastIndexOf(',')]).Append('\n');
        }

        // Through the route's upload, not a drop into scoring/: a dropped file starts its own job without logging, and
        // a request that came after it would be answered with that job.
        var blobs = new BlobServiceClient(fixture.StorageConnectionString);
        var (status, _, accepted) = await Api.SendAsync(HttpMethod.Post, $"api/models/{Model}/score?name=logged.csv&logPredictions=true", csv.ToString(), "text/csv");
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{status}: {accepted?.ToJsonString()}");
        var job = await WaitForJobAsync(accepted!["jobId"]!.GetValue<string>());
        Assert.Equal("Completed", job["status"]!.GetValue<string>());

        var scored = (await blobs.GetBlobContainerClient("scored").GetBlobClient($"{Model}/logged.csv").DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",version,prediction_id", scored[0], StringComparison.Ordinal);
        var ids = scored[1..].Select(l => l[(l.LastIndexOf(',') + 1)..]).ToArray();
        Assert.Equal(labels.Length, ids.Distinct().Count());

        var feedback = ids.Select((id, i) => new { predictionId = id, label = labels[i] }).ToArray();
        var (given, _, answer) = await Api.PostJsonAsync($"api/models/{Model}/feedback", new { feedback });
        Assert.True(given is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{given}: {answer?.ToJsonString()}");
        Assert.Equal(feedback.Length, answer!["accepted"]!.GetValue<int>());

        var (closed, _, window) = await Api.SendAsync(HttpMethod.Post, $"api/models/{Model}/monitoring/run", "{}");
        Assert.True(closed == HttpStatusCode.OK, $"monitoring/run answered {(int)closed}: {window?.ToJsonString()}");
        Assert.Equal(labels.Length, window!["rows"]!.GetValue<long>());
    }

    [Fact]
    public async Task ACsvPostedToTheScoreRoute_IsStoredScoredWithTheNamedOptions_AndItsResultsDownloadOverHttp()
    {
        const string Model = "iris-posted";
        var run = await Api.WaitForRunAsync((await Api.UploadAsync(Model, SampleDatasets.Bytes(SampleDatasets.Iris)))["runId"]!.GetValue<string>());
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var lines = Encoding.UTF8.GetString(SampleDatasets.Bytes(SampleDatasets.Iris)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var csv = new StringBuilder(lines[0][..lines[0].LastIndexOf(',')]).Append('\n');
        for (var i = 1; i <= 60; i++)
        {
            var row = lines[i][..lines[i].LastIndexOf(',')];
            csv.Append(i == 5 ? "abc" + row[row.IndexOf(',')..] : row).Append('\n');
        }

        // Logging asked for in the query: the job must be the route's (a drop's default job would not log).
        var (status, _, accepted) = await Api.SendAsync(HttpMethod.Post, $"api/models/{Model}/score?name=posted.csv&logPredictions=true", csv.ToString(), "text/csv");
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {accepted?.ToJsonString()}");
        Assert.Equal("posted.csv", accepted!["file"]!.GetValue<string>());
        var jobId = accepted["jobId"]!.GetValue<string>();
        var (early, _, _) = await Api.SendAsync(HttpMethod.Get, $"api/jobs/{jobId}/output", null);
        Assert.True(early is HttpStatusCode.OK or HttpStatusCode.Conflict, early.ToString());
        var job = await WaitForJobAsync(jobId);
        Assert.Equal("Completed", job["status"]!.GetValue<string>());
        Assert.Equal((60, 1), (job["rowsTotal"]!.GetValue<long>(), job["rowsRejected"]!.GetValue<long>()));

        using var output = await Api.Http.GetAsync(new Uri($"api/jobs/{jobId}/output", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, output.StatusCode);
        Assert.StartsWith("text/csv", output.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var scored = (await output.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",version,prediction_id", scored[0], StringComparison.Ordinal);
        Assert.Equal(59, scored.Length - 1);
        using var rejected = await Api.Http.GetAsync(new Uri($"api/jobs/{jobId}/rejected", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.StartsWith("row,reason\n5,", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same content under the same name again is a new blob (a new ETag), so a new job; the first job's output
        // is then the second's, and the first no longer serves it.
        var (again, _, second) = await Api.SendAsync(HttpMethod.Post, $"api/models/{Model}/score?name=posted.csv", csv.ToString(), "text/csv");
        Assert.True(again == HttpStatusCode.Accepted, $"{again}: {second?.ToJsonString()}");
        Assert.NotEqual(jobId, second!["jobId"]!.GetValue<string>());
        Assert.Equal("Completed", (await WaitForJobAsync(second["jobId"]!.GetValue<string>()))["status"]!.GetValue<string>());
        var (replaced, replacedType, problem) = await Api.SendAsync(HttpMethod.Get, $"api/jobs/{jobId}/output", null);
        Assert.Equal(HttpStatusCode.NotFound, replaced);
        Assert.StartsWith("application/problem+json", replacedType, StringComparison.Ordinal);
        Assert.Contains("scored again", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var (unknown, _, _) = await Api.SendAsync(HttpMethod.Post, "api/models/no-such-model/score", csv.ToString(), "text/csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    private async Task<JsonObject> WaitForJobAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await Api.GetObjectAsync($"api/jobs/{jobId}");
            if (job["status"]!.GetValue<string>() is "Completed" or "Failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(500);
        }
    }
}
