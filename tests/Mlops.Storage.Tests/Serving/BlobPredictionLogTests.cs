using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Core.Serving;
using Mlops.Storage.Serving;

namespace Mlops.Storage.Tests.Serving;

/// <summary>The prediction log as blob segments against Azurite: read back by id and by time, the segments' public shape, the serving tallies.</summary>
public class BlobPredictionLogTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly IPredictionLog log = fixture.Get<IPredictionLog>();

    [Fact]
    public async Task RecordAsync_BatchOf250OverMinutesAndModels_EveryPredictionReadsBack()
    {
        var model = TestModels.Unique("pred");
        var other = TestModels.Unique("pred");
        var batch = Enumerable.Range(0, 250).Select(i => Prediction(model, i))
            .Concat(Enumerable.Range(0, 3).Select(i => Prediction(other, i)))
            .ToList();

        await log.RecordAsync(batch, CancellationToken.None);

        foreach (var expected in batch)
        {
            Assert.Equal(expected, await log.GetAsync(expected.Model, expected.PredictionId, CancellationToken.None));
        }

        // 250 predictions a second apart span five minutes: a segment per model and minute.
        Assert.Equal(5, (await SegmentNames(model)).Count);
        Assert.Null(await log.GetAsync(other, batch[10].PredictionId, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_SameBatchTwice_IsHarmless()
    {
        var model = TestModels.Unique("pred");
        var batch = Enumerable.Range(0, 5).Select(i => Prediction(model, i)).ToList();

        await log.RecordAsync(batch, CancellationToken.None);
        await log.RecordAsync(batch, CancellationToken.None);

        Assert.Equal(batch[4], await log.GetAsync(model, batch[4].PredictionId, CancellationToken.None));
        Assert.Equal(batch, await Range(model, At, At.AddMinutes(1)));
    }

    [Fact]
    public async Task RecordAsync_WideFeatures_ReadBack()
    {
        var model = TestModels.Unique("pred");
        var wide = Prediction(model, 0) with { FeaturesJson = "{\"text\":\"" + new string('x', 70_000) + "\"}" };

        await log.RecordAsync([wide], CancellationToken.None);

        Assert.Equal(wide, await log.GetAsync(model, wide.PredictionId, CancellationToken.None));
    }

    [Fact]
    public async Task ASegment_IsGzippedJsonLines_WithTheRequestsFeaturesAsAnObject()
    {
        var model = TestModels.Unique("pred");
        var prediction = Prediction(model, 7) with { ExperimentId = "exp1", LatencyMs = 0.25, ChallengerError = new string('e', 5_000) };

        await log.RecordAsync([prediction], CancellationToken.None);

        var name = Assert.Single(await SegmentNames(model));
        Assert.Equal($"{model}/2025-03-04/0506/{prediction.PredictionId}-{prediction.PredictionId}.jsonl.gz", name);
        var blob = await fixture.Clients.Container(StorageNames.PredictionsContainer).GetBlobClient(name).DownloadContentAsync();
        using var gzip = new GZipStream(blob.Value.Content.ToStream(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var line = JsonDocument.Parse(Assert.Single((await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal(prediction.PredictionId, line.GetProperty("predictionId").GetString());
        Assert.Equal(7, line.GetProperty("features").GetProperty("x").GetInt32());
        Assert.Equal("red", line.GetProperty("features").GetProperty("color").GetString());
        Assert.Equal(0.25, line.GetProperty("latencyMs").GetDouble());
        Assert.Equal(1_000, line.GetProperty("challengerError").GetString()!.Length);
        Assert.False(line.TryGetProperty("entityId", out _));
    }

    [Fact]
    public async Task ReadRange_CrossesMidnight_AndAnswersOnlyTheRange()
    {
        var model = TestModels.Unique("pred");
        var midnight = new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.Zero);
        var batch = Enumerable.Range(-90, 180).Select(i => Prediction(model, i, midnight.AddSeconds(i))).ToList();
        await log.RecordAsync(batch, CancellationToken.None);

        var read = await Range(model, midnight.AddSeconds(-30), midnight.AddSeconds(45));

        Assert.Equal(batch.Where(p => p.Timestamp >= midnight.AddSeconds(-30) && p.Timestamp < midnight.AddSeconds(45)).Select(p => p.PredictionId), read.Select(p => p.PredictionId).Order(StringComparer.Ordinal));
        Assert.Equal(75, read.Count);
        Assert.Empty(await Range(model, DateTimeOffset.UnixEpoch, midnight.AddDays(-1)));
        Assert.Equal(180, (await Range(model, DateTimeOffset.UnixEpoch, midnight.AddDays(30))).Count);
    }

    [Fact]
    public async Task Serving_AddsUpWritesAndProcesses_AndAWriteRetriedIsCountedOnce()
    {
        var model = TestModels.Unique("tally");
        PredictionRecord Row(int i, string variant, double latency, string? error = null) =>
            Prediction(model, i) with { Variant = variant, ExperimentId = "expT", LatencyMs = latency, ChallengerError = error };
        var first = new[] { Row(1, "champion", 1.0), Row(2, "challenger", 3.0) };
        using var otherProcess = new BlobPredictionLog(fixture.Clients, TimeProvider.System);

        await log.RecordAsync(first, CancellationToken.None);
        await log.RecordAsync(first, CancellationToken.None);
        await log.RecordAsync([Row(3, "champion", 2.0, error: "Feature 'f' is missing.")], CancellationToken.None);
        await otherProcess.RecordAsync([Row(4, "challenger", 5.0), Row(5, "champion", 6.0) with { ExperimentId = "expOther" }], CancellationToken.None);

        var serving = await log.ServingAsync(model, "expT", CancellationToken.None);

        Assert.Equal(2, serving.Champion.Predictions);
        Assert.Equal(1.5, serving.Champion.LatencyMs.Mean, 9);
        Assert.Equal(3, serving.Challenger.Predictions);
        Assert.Equal(1, serving.Challenger.Errors.Sum);
        Assert.Equal(4.0, serving.Challenger.LatencyMs.Mean, 9);
        Assert.Equal(serving, await otherProcess.ServingAsync(model, "expT", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await log.GetAsync(TestModels.Unique("pred"), PredictionIds.New(At), CancellationToken.None));
        Assert.Null(await log.GetAsync(TestModels.Unique("pred"), Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("")]
    public async Task GetAsync_IdThatCannotBeAKey_ThrowsInvalid(string predictionId)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => log.GetAsync("model", predictionId, CancellationToken.None));

        Assert.Equal(MlopsErrorCode.InvalidParameterValue, error.Code);
    }

    [Fact]
    public async Task AModelNameWithATraversal_IsRefused()
    {
        await Assert.ThrowsAsync<MlopsException>(() => log.GetAsync("../models", PredictionIds.New(At), CancellationToken.None));
        await Assert.ThrowsAsync<MlopsException>(() => log.RecordAsync([Prediction("../models", 0)], CancellationToken.None));
    }

    private static PredictionRecord Prediction(string model, int i, DateTimeOffset? at = null)
    {
        var made = at ?? At.AddSeconds(i);
        return new(
            model,
            PredictionIds.New(made),
            1 + (Math.Abs(i) % 2),
            i % 2 == 0 ? "champion" : "challenger",
            made,
            $$"""{"x":{{i}},"color":"red"}""",
            i % 3 == 0 ? "yes" : "no",
            i % 5 == 0 ? null : i / 250.0,
            i % 7 == 0 ? null : $"user-{i}");
    }

    private async Task<List<PredictionRecord>> Range(string model, DateTimeOffset since, DateTimeOffset until)
    {
        var read = new List<PredictionRecord>();
        await foreach (var prediction in log.ReadRangeAsync(model, since, until, CancellationToken.None))
        {
            read.Add(prediction);
        }

        return read;
    }

    private async Task<List<string>> SegmentNames(string model)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Clients.Container(StorageNames.PredictionsContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = model + "/" }))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
