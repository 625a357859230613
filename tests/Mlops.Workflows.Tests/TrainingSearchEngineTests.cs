using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Serving;
using Mlops.Core.Training.Search;
using Mlops.Testing;
using Mlops.Workflows.Contracts;
using Xunit.Abstractions;

namespace Mlops.Workflows.Tests;

/// <summary>The acceptance's search on the real Durable engine: 24 trials fanned out as activities, recorded, reproducible.</summary>
public sealed class TrainingSearchEngineTests(SearchEngineFixture engine, ITestOutputHelper output) : IClassFixture<SearchEngineFixture>
{
    [Fact]
    public async Task A24TrialSearchOnBreastCancer_RunsEndToEnd_AndASecondRunSelectsTheSameModel()
    {
        var csv = BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.BreastCancer));

        var first = await RunAsync($"bc24-{Guid.NewGuid():N}"[..20], csv);
        var second = await RunAsync($"bc24-{Guid.NewGuid():N}"[..20], csv);

        Assert.Equal(24, first.Record.Trials.Count);
        Assert.Equal(24, first.Progress?.Search?.TrialsDone);
        Assert.Equal(24, first.Progress?.Search?.TrialsPlanned);
        Assert.NotNull(first.Record.Winner);
        Assert.Equal(first.Record.Winner.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Version.Parameters["selectedTrial"]);
        Assert.Equal("24", first.Version.Parameters["searchTrials"]);
        Assert.Equal(first.Record.Trials[first.Record.Winner.Value].Configuration.Trainer, first.Version.Trainer);
        // 114 holdout rows: one split's AUC differs from another's by about 0.01, so this only says the winner is good;
        // how good the search is, scripts/peer-compare measures on cross-validated folds.
        Assert.True(first.Version.Metrics["auc"] > 0.96, $"holdout AUC {first.Version.Metrics["auc"]}");

        // What the API shows while a search runs is built from the plan and each trial as it finished: the same trials.
        var soFar = await engine.Services.GetRequiredService<RunCheckpoints>().ReadSearchSoFarAsync(first.Version.Model, first.Record.RunId, DateTime.UtcNow, default);
        Assert.NotNull(soFar);
        Assert.True(soFar.Partial);
        Assert.False(first.Record.Partial);
        Assert.Equal(first.Record.Trials.Select(t => (t.Index, t.Configuration, t.Status)), soFar.Trials.Select(t => (t.Index, t.Configuration, t.Status)));
        Assert.Equal(first.Record.Rungs, soFar.Rungs);

        // The refit judged the winner averaged with the other trainers' best, and the train stage says what it found.
        var train = Assert.Single(first.Progress!.Stages, s => s.Name == "train");
        Assert.Matches("Ensemble (kept|not kept)", train.Detail);

        // Same data, seed and configuration: the same trial wins, with the same cross-validated and holdout metrics.
        Assert.Equal(first.Record.Winner, second.Record.Winner);
        Assert.Equal(first.Version.Trainer, second.Version.Trainer);
        Assert.All(first.Record.Trials.Zip(second.Record.Trials), pair =>
        {
            Assert.Equal(pair.First.Configuration, pair.Second.Configuration);
            Assert.Equal(pair.First.Status, pair.Second.Status);
            Assert.All(pair.First.Metrics, m => Assert.Equal(m.Value, pair.Second.Metrics[m.Key], 1e-6));
        });
        Assert.All(first.Version.Metrics, m => Assert.Equal(m.Value, second.Version.Metrics[m.Key], 1e-6));

        // The same model: every row answered identically. Not always the same bytes: ML.NET's binary IDV writer (the
        // label map inside model.zip) sometimes frames its compressed block differently for the same content.
        using var firstModel = await LoadAsync(first.Version);
        using var secondModel = await LoadAsync(second.Version);
        var data = SampleDatasets.Load(SampleDatasets.BreastCancer);
        foreach (var row in data.Rows)
        {
            var features = first.Version.Schema.Features.ToDictionary(
                f => f.Name, f => System.Text.Json.JsonSerializer.SerializeToElement(row[data.IndexOf(f.Name)]), StringComparer.Ordinal);
            var (a, b) = (firstModel.Predict(features), secondModel.Predict(features));
            Assert.Equal(a.Label, b.Label);
            Assert.Equal(a.Probabilities, b.Probabilities);
        }
    }

    private async Task<ModelPredictor> LoadAsync(ModelVersion version)
    {
        var zip = await engine.Services.GetRequiredService<IModelArtifactStore>().ReadAsync(ArtifactPaths.ModelZip(version.Model, version.Version), default);
        return ModelPredictor.Load(zip!, version.Schema);
    }

    private async Task<Run> RunAsync(string model, BinaryData csv)
    {
        var stored = await engine.Services.GetRequiredService<IDatasetStore>().UploadAsync(model, "breast_cancer.csv", csv, default);
        var start = await engine.Services.GetRequiredService<RunLauncher>().StartAsync(engine.Host.Client, model, stored, RunTrigger.Manual(model, stored.BlobName), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var metadata = await engine.Host.Client.WaitForInstanceCompletionAsync(start.RunId, getInputsAndOutputs: true, timeout.Token);
        var result = metadata.ReadOutputAs<RunResult>()!;
        Assert.True(result.Status == RunStatus.Completed, result.Reason);
        output.WriteLine($"{model}: {(metadata.LastUpdatedAt - metadata.CreatedAt).TotalSeconds:0.0} s; {result.Reason}");

        var artifacts = engine.Services.GetRequiredService<IModelArtifactStore>();
        var record = (await artifacts.ReadAsync(ArtifactPaths.Trials(model, start.RunId), default))!.ToObjectFromJson<SearchRecord>(MlopsJson.Options)!;
        var version = (await engine.Services.GetRequiredService<IModelRegistry>().GetVersionAsync(model, result.Version!.Value, default))!;
        return new Run(record, version, metadata.ReadCustomStatusAs<RunProgress>());
    }

    private sealed record Run(SearchRecord Record, ModelVersion Version, RunProgress? Progress);
}
