using System.Globalization;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Events;
using Mlops.Core.Registry;
using Mlops.Testing;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Tests;

/// <summary>The gates and pipeline versions on the real Durable engine.</summary>
public sealed class TrainingPipelineGateTests(PipelineEngineFixture engine) : IClassFixture<PipelineEngineFixture>
{
    private IDatasetStore Datasets => engine.Services.GetRequiredService<IDatasetStore>();

    private IModelRegistry Registry => engine.Services.GetRequiredService<IModelRegistry>();

    private IModelArtifactStore Artifacts => engine.Services.GetRequiredService<IModelArtifactStore>();

    [Fact]
    public async Task AFirstModelOfARandomLabel_IsRegisteredButNotPromoted_AndTheFailedGateIsAnnounced()
    {
        var model = Unique("coin");
        var stored = await Datasets.UploadAsync(model, "coin.csv", BinaryData.FromString(RandomLabel(SampleDatasets.BreastCancer, 3)), default);

        var result = await RunAsync(model, Request(model, stored));

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, result.Version);
        Assert.False(result.Promoted, result.Reason);
        Assert.Contains("the majority class", result.Reason, StringComparison.Ordinal);
        Assert.Null(await Registry.GetAliasAsync(model, Aliases.Champion, default));
        var gate = Assert.Single(result.Gates);
        Assert.False(gate.Passed);
        Assert.True(gate.Lower <= 0);
        var events = await engine.Services.GetRequiredService<IRegistryEventLog>().ListAsync(model, 0, 10, default);
        Assert.Contains(events, e => e.Type == RegistryEventTypes.GateFailed && e.Data.GetProperty("version").GetInt32() == 1);
    }

    [Fact]
    public async Task AVersion_KeepsItsEvaluation_WithConfusionMatrixAndFeatureImportance()
    {
        var model = Unique("eval");
        var stored = await Datasets.UploadAsync(model, "iris.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.Iris)), default);

        var result = await RunAsync(model, Request(model, stored));

        Assert.True(result.Promoted, result.Reason);
        Assert.StartsWith("Promoted:", result.Reason, StringComparison.Ordinal);
        var stored1 = await Artifacts.ReadAsync(ArtifactPaths.Evaluation(model, 1), default);
        var evaluation = stored1!.ToObjectFromJson<VersionEvaluation>(MlopsJson.Options)!;
        Assert.Equal(MetricNames.MacroF1, evaluation.Metric);
        Assert.Equal(3, evaluation.ConfusionMatrix!.Classes.Count);
        Assert.Equal(evaluation.HoldoutRows, evaluation.ConfusionMatrix.Counts.Sum(row => row.Sum()));
        Assert.Equal(3, evaluation.PerClass.Count);
        Assert.Equal(4, evaluation.Importance.Count);
        Assert.StartsWith("petal", evaluation.Importance[0].Feature, StringComparison.Ordinal);
        Assert.True(evaluation.Comparison.Lower > 0);
        Assert.Equal("the majority class", evaluation.Baseline.Name);
    }

    [Fact]
    public async Task ARunStartedUnderVersion1_FinishesUnderVersion1()
    {
        // What a run in flight at deploy time carries: the input the previous code wrote, with no version field.
        var model = Unique("v1");
        var stored = await Datasets.UploadAsync(model, "first.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.BreastCancer)), default);

        var result = await RunAsync(model, Request(model, stored) with { PipelineVersion = PipelineVersions.PointEstimate });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(result.Promoted);
        Assert.StartsWith("No champion yet, so the first model is promoted", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Gates);
        Assert.Null(await Artifacts.ReadAsync(ArtifactPaths.Evaluation(model, 1), default));
        Assert.Equal(1, (await Registry.GetVersionAsync(model, 1, default))!.ContractVersion);
    }

    [Fact]
    public void AnInputWithoutAVersion_ReadsAsVersion1()
    {
        var json = """{"dataset":{"model":"m","blobName":"m/a.csv","sha256":"00","eTag":"e"},"attempt":1}""";

        var request = System.Text.Json.JsonSerializer.Deserialize<RunRequest>(json, MlopsJson.Options)!;

        Assert.Equal(PipelineVersions.PointEstimate, request.PipelineVersion);
    }

    [Fact]
    public async Task ARunUnderAVersionThisDeploymentDoesNotRun_FailsWithTheDocumentedReason()
    {
        var model = Unique("v99");
        var stored = await Datasets.UploadAsync(model, "first.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.Iris)), default);

        var result = await RunAsync(model, Request(model, stored) with { PipelineVersion = 99 });

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(PipelineVersions.Unsupported(99), result.Reason);
        Assert.Contains("POST /api/runs/{runId}/restart", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await Registry.ListVersionsAsync(model, default));
    }

    private static RunRequest Request(string model, StoredDataset stored) =>
        new(new DatasetRef(model, stored.BlobName, stored.Sha256, stored.ETag)) { PipelineVersion = PipelineVersions.Current };

    private async Task<RunResult> RunAsync(string model, RunRequest request)
    {
        var runId = RunIds.For(model, request.Dataset.Sha256);
        await engine.Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TrainingPipeline), request, new StartOrchestrationOptions(runId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var metadata = await engine.Host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<RunResult>()!;
    }

    /// <summary>The sample's features with a label that is a seeded coin flip, so nothing can predict it.</summary>
    private static string RandomLabel(string sample, int seed)
    {
        var random = new Random(seed);
        var lines = File.ReadAllLines(SampleDatasets.PathOf(sample));
        var csv = new StringBuilder().AppendLine(lines[0]);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            csv.Append(line[..line.LastIndexOf(',')]).Append(',').AppendLine(random.NextDouble() < 0.4 ? "yes" : "no");
        }

        return csv.ToString();
    }

    private static string Unique(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Guid.NewGuid():N}")[..20];
}
