using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mlops.Core.Serving;
using Mlops.Storage;
using Mlops.Storage.Serving;
using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>
/// A/B promotion through the DevHost: a run whose version passes its gates under the ab strategy starts an experiment,
/// labelled traffic decides it on its own, and a worse challenger started by hand is rolled back; a shadow challenger
/// scores the champion's rows off the request path and is promoted on the same evidence; a challenger that cannot
/// read the champion's inputs is rolled back by its error guardrail. Predict answers every request while the aliases move.
/// </summary>
public sealed class ExperimentEndToEndTests(DevHostFixture fixture) : IClassFixture<DevHostFixture>
{
    private const string Model = "ab-walkthrough";

    private MlopsApi Api => fixture.Api;

    [Fact]
    public async Task ABetterChallengerIsPromotedByItsExperiment_AndAWorseOneStartedByHandIsRolledBack()
    {
        var (put, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Model}/spec", """
            {"label": "label", "promotion": {"strategy": "ab", "challengerTraffic": 0.5, "lookIntervalSeconds": 2, "minSamples": 40}}
            """);
        Assert.Equal(HttpStatusCode.OK, put);

        // v1 learned a weak signal (f1); the world runs on f0, which v2 learned: v2 passes its gates against v1.
        var first = await Api.WaitForRunAsync((await Api.UploadAsync(Model, Csv(800, signal: 1, noise: 1.0, seed: 1)))["runId"]!.GetValue<string>());
        Assert.True(first["promoted"]!.GetValue<bool>(), first.ToJsonString());
        var second = await Api.WaitForRunAsync((await Api.UploadAsync(Model, Csv(800, signal: 0, noise: 0.1, seed: 2)))["runId"]!.GetValue<string>());
        Assert.Equal("Completed", second["status"]!.GetValue<string>());
        Assert.False(second["promoted"]!.GetValue<bool>(), second.ToJsonString());
        var experimentId = second["experimentId"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(experimentId), second.ToJsonString());

        var promoted = await FeedUntilDecidedAsync(Model, experimentId!, seed: 10);

        Assert.Equal("Promoted", promoted["status"]!.GetValue<string>());
        Assert.Equal(2, promoted["challenger"]!["version"]!.GetValue<int>());
        Assert.True(promoted["difference"]!["lower"]!.GetValue<double>() > 0, promoted.ToJsonString());
        var model = await Api.GetObjectAsync($"api/models/{Model}");
        Assert.Equal(2, model["aliases"]!["champion"]!.GetValue<int>());
        Assert.Null(model["aliases"]!["challenger"]);

        // Started by hand: v1 against the new champion.
        var (created, _, started) = await Api.PostJsonAsync($"api/models/{Model}/experiments", new { challenger = 1, traffic = 0.5 });
        Assert.Equal(HttpStatusCode.Created, created);
        var (conflict, _, problem) = await Api.PostJsonAsync($"api/models/{Model}/experiments", new { challenger = 1, traffic = 0.5 });
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains(started!["id"]!.GetValue<string>(), problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var rolledBack = await FeedUntilDecidedAsync(Model, started["id"]!.GetValue<string>(), seed: 20);

        Assert.Equal("RolledBack", rolledBack["status"]!.GetValue<string>());
        Assert.Equal(2, (await Api.GetObjectAsync($"api/models/{Model}"))["aliases"]!["champion"]!.GetValue<int>());
        var log = (await Api.SendAsync(HttpMethod.Get, $"api/models/{Model}/events?top=1000", null)).Body!.AsArray();
        Assert.Equal(2, log.Count(e => e!["type"]!.GetValue<string>() == "experiment.started"));
        Assert.Equal(2, log.Count(e => e!["type"]!.GetValue<string>() == "experiment.decided"));
    }

    [Fact]
    public async Task AShadowChallenger_ScoresTheChampionsRowsUnderTheirIds_AndIsPromotedOnTheirLabels()
    {
        const string Shadow = "shadow-walkthrough";
        var (put, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Shadow}/spec", """
            {"label": "label", "promotion": {"strategy": "shadow", "challengerTraffic": 1, "lookIntervalSeconds": 2, "minSamples": 40}}
            """);
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.True((await Api.WaitForRunAsync((await Api.UploadAsync(Shadow, Csv(800, signal: 1, noise: 1.0, seed: 1)))["runId"]!.GetValue<string>()))["promoted"]!.GetValue<bool>());
        var second = await Api.WaitForRunAsync((await Api.UploadAsync(Shadow, Csv(800, signal: 0, noise: 0.1, seed: 2)))["runId"]!.GetValue<string>());
        var experimentId = second["experimentId"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(experimentId), second.ToJsonString());
        Assert.Equal("shadow", (await Api.GetObjectAsync($"api/models/{Shadow}/experiments/{experimentId}"))["strategy"]!.GetValue<string>());

        var promoted = await FeedUntilDecidedAsync(Shadow, experimentId!, seed: 30, shadow: true);

        Assert.Equal("Promoted", promoted["status"]!.GetValue<string>());
        Assert.True(promoted["challenger"]!["labelled"]!.GetValue<long>() >= 40, promoted.ToJsonString());
        Assert.Equal(2, (await Api.GetObjectAsync($"api/models/{Shadow}"))["aliases"]!["champion"]!.GetValue<int>());

        // Every shadow prediction sits under the id of a champion prediction of the same experiment, and a labelled one
        // was scored for both variants.
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = fixture.StorageConnectionString }));
        using var log = new BlobPredictionLog(clients, TimeProvider.System);

        // The shadow table spreads a model over partitions "{model}~{bucket}".
        var partitions = $"PartitionKey ge '{Shadow}~' and PartitionKey le '{Shadow}~~'";
        // Both logs are written in the background, the champion's by the buffered writer and the shadow's by the queue
        // function, so the last requests' rows may land a moment after the decision: read until they settle.
        List<TableEntity> shadows;
        Dictionary<string, PredictionRecord> champions;
        HashSet<string> outcomes;
        var settling = Stopwatch.StartNew();
        while (true)
        {
            shadows = await Rows(clients.Table(StorageNames.ShadowPredictionsTable), partitions);
            champions = [];
            await foreach (var prediction in log.ReadRangeAsync(Shadow, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None))
            {
                champions[prediction.PredictionId] = prediction;
            }

            outcomes = (await Rows(clients.Table(StorageNames.ExperimentOutcomesTable), $"PartitionKey eq '{experimentId}'")).Select(r => r.RowKey).ToHashSet();
            var settled = shadows.All(s => champions.ContainsKey(s.RowKey)
                && (!outcomes.Contains($"{s.RowKey}|challenger") || outcomes.Contains($"{s.RowKey}|champion")));
            if (settled || settling.Elapsed > TimeSpan.FromSeconds(10))
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(shadows.Count >= 40, $"{shadows.Count} shadow predictions");
        Assert.All(shadows, s =>
        {
            Assert.True(champions.TryGetValue(s.RowKey, out var champion), $"shadow prediction {s.RowKey} has no champion prediction");
            Assert.Equal(experimentId, champion!.ExperimentId);
            Assert.Equal("champion", champion.Variant);
            Assert.Equal("challenger", s.GetString("Variant"));
            Assert.Null(s.GetString("ChallengerError"));
        });
        var labelledShadows = shadows.Count(s => outcomes.Contains($"{s.RowKey}|challenger"));
        Assert.True(labelledShadows >= 40, $"{labelledShadows} labelled shadow predictions");
        Assert.All(shadows.Where(s => outcomes.Contains($"{s.RowKey}|challenger")), s => Assert.Contains($"{s.RowKey}|champion", outcomes));
    }

    [Fact]
    public async Task AChallengerThatCannotReadTheChampionsInputs_IsRolledBackByItsErrorGuardrail_WhileEveryRequestIsAnswered()
    {
        const string Guarded = "guardrail-walkthrough";
        var (put, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{Guarded}/spec", """
            {"label": "label", "promotion": {"strategy": "ab", "challengerTraffic": 0.5, "lookIntervalSeconds": 2}}
            """);
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.True((await Api.WaitForRunAsync((await Api.UploadAsync(Guarded, Csv(400, signal: 0, noise: 0.1, seed: 5)))["runId"]!.GetValue<string>()))["promoted"]!.GetValue<bool>());

        // v2 needs a column (f4) that the callers do not send yet.
        var second = await Api.WaitForRunAsync((await Api.UploadAsync(Guarded, Csv(400, signal: 0, noise: 0.1, seed: 6, extraColumn: true)))["runId"]!.GetValue<string>());
        Assert.Equal(2, second["version"]!.GetValue<int>());
        var experimentId = second["experimentId"]?.GetValue<string>();
        if (string.IsNullOrEmpty(experimentId))
        {
            var (created, _, started) = await Api.PostJsonAsync($"api/models/{Guarded}/experiments", new { challenger = 2, traffic = 0.5 });
            Assert.Equal(HttpStatusCode.Created, created);
            experimentId = started!["id"]!.GetValue<string>();
        }

        var random = new Random(40);
        var clock = Stopwatch.StartNew();
        JsonObject experiment;
        do
        {
            var instances = Enumerable.Range(0, 40).Select(i => new { features = Row(random, 0, 0.1).Features, entityId = $"user-{random.Next(1000)}" }).ToArray();
            var (status, _, body) = await Api.PostJsonAsync($"api/models/{Guarded}/predict", new { instances });
            Assert.True(status == HttpStatusCode.OK, $"predict answered {(int)status}: {body?.ToJsonString()}");
            Assert.All(body!["predictions"]!.AsArray(), p => Assert.Equal(1, p!["version"]!.GetValue<int>()));
            experiment = await Api.GetObjectAsync($"api/models/{Guarded}/experiments/{experimentId}");
            await Task.Delay(200);
        }
        while (experiment["status"]!.GetValue<string>() == "Running" && clock.Elapsed < TimeSpan.FromMinutes(2));

        Assert.Equal("RolledBack", experiment["status"]!.GetValue<string>());
        Assert.Contains("Guardrail errorRate broken", experiment["decision"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(experiment["guardrails"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "errorRate" && g["broken"]!.GetValue<bool>());
        var model = await Api.GetObjectAsync($"api/models/{Guarded}");
        Assert.Equal(1, model["aliases"]!["champion"]!.GetValue<int>());
        Assert.Null(model["aliases"]!["challenger"]);
    }

    [Fact]
    public async Task TheSameEntity_GetsTheSameVariant_FromTwoDevHostProcesses()
    {
        const string Sticky = "ab-two-hosts";
        await Api.WaitForRunAsync((await Api.UploadAsync(Sticky, Csv(300, signal: 0, noise: 0.1, seed: 3)))["runId"]!.GetValue<string>());
        var second = await Api.WaitForRunAsync((await Api.UploadAsync(Sticky, Csv(300, signal: 0, noise: 0.2, seed: 4)))["runId"]!.GetValue<string>());
        Assert.True(second["version"]?.GetValue<int>() == 2, second.ToJsonString());
        var versions = (await Api.GetObjectAsync($"api/models/{Sticky}"))["aliases"]!["champion"]!.GetValue<int>() == 1 ? 2 : 1;
        var (created, _, experiment) = await Api.PostJsonAsync($"api/models/{Sticky}/experiments", new { challenger = versions, traffic = 0.3 });
        Assert.Equal(HttpStatusCode.Created, created);

        await using var other = await DevHostProcess.StartAsync(fixture.StorageConnectionString, TaskHubs.Unique("e2e"));
        using var otherApi = new MlopsApi(other.BaseAddress);
        var users = Enumerable.Range(0, 200).Select(i => $"customer-{i}").ToArray();
        var random = new Random(9);
        var instances = users.Select(u => new { features = Row(random, 0, 0.1).Features, entityId = u }).ToArray();

        var here = await VariantsAsync(Api, Sticky, instances);
        var there = await VariantsAsync(otherApi, Sticky, instances);

        Assert.Equal(here, there);
        Assert.InRange(here.Count(v => v == "challenger"), 30, 90);
        var (stopped, _, _) = await Api.SendAsync(HttpMethod.Post, $"api/models/{Sticky}/experiments/{experiment!["id"]!.GetValue<string>()}/stop", "{}");
        Assert.Equal(HttpStatusCode.OK, stopped);
    }

    [Theory]
    [InlineData("""{"challenger": 1, "traffic": 1.5}""", HttpStatusCode.BadRequest, "traffic")]
    [InlineData("""{"challenger": 99}""", HttpStatusCode.NotFound, "version 99")]
    [InlineData("""{"traffic": 0.5}""", HttpStatusCode.BadRequest, "challenger")]
    public async Task ABadExperimentRequest_IsRefusedNamingTheProblem(string body, HttpStatusCode expected, string mentions)
    {
        var (status, contentType, problem) = await Api.SendAsync(HttpMethod.Post, "api/models/ab-refusals/experiments", body);

        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(mentions, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Predicts batches for recurring users, sends their true labels in bulk, until the experiment ends (bounded).</summary>
    private async Task<JsonObject> FeedUntilDecidedAsync(string model, string experimentId, int seed, bool shadow = false)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var variants = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonObject? last = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var rows = Enumerable.Range(0, 50).Select(_ => Row(random, signal: 0, noise: 0.1)).ToArray();
            var users = rows.Select(_ => $"user-{random.Next(400)}").ToArray();
            var instances = rows.Select((r, i) => new { features = r.Features, entityId = users[i] }).ToArray();
            var (status, _, body) = await Api.PostJsonAsync($"api/models/{model}/predict", new { instances });
            Assert.True(status == HttpStatusCode.OK, $"predict answered {(int)status}: {body?.ToJsonString()}");
            var predictions = body!["predictions"]!.AsArray();
            var flipped = false;
            for (var i = 0; i < predictions.Count; i++)
            {
                // Sticky: a user keeps its variant for as long as the experiment runs.
                var variant = predictions[i]!["variant"]!.GetValue<string>();
                flipped |= variants.TryGetValue(users[i], out var before) && before != variant;
                variants[users[i]] = variant;
            }

            var feedback = predictions.Select((p, i) => new { predictionId = p!["predictionId"]!.GetValue<string>(), label = rows[i].Label }).ToArray();
            var (accepted, _, answer) = await Api.PostJsonAsync($"api/models/{model}/feedback", new { feedback });
            Assert.Equal(HttpStatusCode.OK, accepted);
            Assert.Equal(feedback.Length, answer!["accepted"]!.GetValue<int>());

            var experiment = last = await Api.GetObjectAsync($"api/models/{model}/experiments/{experimentId}");
            if (experiment["status"]!.GetValue<string>() != "Running")
            {
                // A shadow challenger never answers a caller; an A/B one answers its share.
                Assert.Equal(!shadow, variants.ContainsValue("challenger"));
                return experiment;
            }

            // A user may change variant only when the experiment ended in between (everyone is the champion's then).
            Assert.False(flipped, "A user moved between variants while the experiment ran.");
        }

        throw new TimeoutException($"Experiment {experimentId} was not decided within three minutes; seen {variants.Values.Distinct().Count()} variants; last: {last?.ToJsonString()}\nDevHost: {Tail(fixture.Host.Output)}");
    }

    private static async Task<string[]> VariantsAsync(MlopsApi api, string model, object[] instances)
    {
        var (status, _, body) = await api.PostJsonAsync($"api/models/{model}/predict", new { instances });
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body!["predictions"]!.AsArray().Select(p => p!["variant"]!.GetValue<string>())];
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    private static async Task<List<TableEntity>> Rows(TableClient table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static byte[] Csv(int rows, int signal, double noise, int seed, bool extraColumn = false)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(extraColumn ? "f0,f1,f2,f3,f4,label\n" : "f0,f1,f2,f3,label\n");
        for (var i = 0; i < rows; i++)
        {
            var row = Row(random, signal, noise);
            csv.AppendJoin(',', row.Features.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
            if (extraColumn)
            {
                csv.Append(',').Append((random.NextDouble() * 2 - 1).ToString("0.####", CultureInfo.InvariantCulture));
            }

            csv.Append(',').Append(row.Label).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static (Dictionary<string, double> Features, string Label) Row(Random random, int signal, double noise)
    {
        var features = Enumerable.Range(0, 4).ToDictionary(f => $"f{f}", _ => Math.Round((random.NextDouble() * 2) - 1, 4));
        var label = features[$"f{signal}"] + (noise * ((random.NextDouble() * 2) - 1)) > 0 ? "yes" : "no";
        return (features, label);
    }
}
