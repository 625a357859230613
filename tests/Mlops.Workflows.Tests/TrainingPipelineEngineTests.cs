using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Validation;
using Mlops.Testing;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Tests;

/// <summary>The pipeline end to end on the real Durable engine: each stage's real work, the run's outcome and its registry effects.</summary>
public sealed class TrainingPipelineEngineTests(PipelineEngineFixture engine) : IClassFixture<PipelineEngineFixture>
{
    private IDatasetStore Datasets => engine.Services.GetRequiredService<IDatasetStore>();

    private IModelRegistry Registry => engine.Services.GetRequiredService<IModelRegistry>();

    [Fact]
    public async Task FirstRun_OnARealDataset_RegistersVersionOneAsChampionWithLineage()
    {
        var model = Unique("bc");
        var stored = await Datasets.UploadAsync(model, "first.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.BreastCancer)), default);

        var (runId, result) = await RunAsync(model, stored);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, result.Version);
        Assert.True(result.Promoted);
        var champion = await Registry.GetAliasAsync(model, Aliases.Champion, default);
        Assert.Equal(1, champion?.Version);
        var version = await Registry.GetVersionAsync(model, 1, default);
        Assert.NotNull(version);
        Assert.Equal(runId, version.RunId);
        Assert.Equal(stored.Sha256, version.Lineage.DatasetSha256);
        Assert.Equal(stored.ETag, version.Lineage.DatasetETag);
        Assert.Equal(stored.BlobName, version.Lineage.DatasetBlob);
        Assert.True(version.Metrics["auc"] > 0.95);

        // Exported to ONNX and checked: model.onnx beside model.zip, its hash in the row and the whole record in manifest.json.
        Assert.True(version.Onnx?.IsAvailable, version.Onnx?.Reason);
        var artifacts = engine.Services.GetRequiredService<IModelArtifactStore>();
        var onnx = await artifacts.ReadAsync(ArtifactPaths.OnnxModel(model, 1), default);
        Assert.Equal(version.Onnx!.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx!.ToArray())));
        var manifest = (await artifacts.ReadAsync(ArtifactPaths.Manifest(model, 1), default))!.ToObjectFromJson<ModelVersion>(MlopsJson.Options)!;
        Assert.Equal(30, manifest.Onnx!.Features.Count);
        Assert.True(manifest.Onnx.Check!.Passed);
        Assert.Equal(version.Onnx.Sha256, manifest.Onnx.Sha256);
    }

    [Fact]
    public async Task LaterRun_WithAWorseModel_IsRegisteredButNotPromoted()
    {
        var model = Unique("worse");
        await RunAsync(model, await Datasets.UploadAsync(model, "good.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.BreastCancer)), default));

        var small = await Datasets.UploadAsync(model, "small.csv", BinaryData.FromString(EveryNthRow(SampleDatasets.BreastCancer, 8)), default);
        var (_, result) = await RunAsync(model, small);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, result.Version);
        Assert.False(result.Promoted, result.Reason);
        Assert.Contains("champion", result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await Registry.GetAliasAsync(model, Aliases.Champion, default))?.Version);
        Assert.Equal(2, (await Registry.ListVersionsAsync(model, default)).Count);
    }

    [Fact]
    public async Task TheAcceptedContract_IsStoredWithTheVersion_AndTheNextUploadIsCheckedAgainstIt()
    {
        var model = Unique("contract");
        var sample = SampleDatasets.Bytes(SampleDatasets.BreastCancer);
        await RunAsync(model, await Datasets.UploadAsync(model, "first.csv", BinaryData.FromBytes(sample), default));

        var version = await Registry.GetVersionAsync(model, 1, default);
        Assert.Equal(1, version?.ContractVersion);
        var stored = await engine.Services.GetRequiredService<IModelArtifactStore>().ReadAsync(ArtifactPaths.Contract(model, 1), default);
        var contract = stored!.ToObjectFromJson<DataContract>(MlopsJson.Options)!;
        Assert.Equal(version!.Schema.Label, contract.Schema.Label);
        Assert.Contains(contract.Columns, c => c.Name == "mean_radius" && c.Numeric is not null);

        // The champion's contract requires every feature it was trained on: an upload without one is stopped.
        var withoutRadius = DropColumn(Encoding.UTF8.GetString(sample), "mean_radius");
        var (_, result) = await RunAsync(model, await Datasets.UploadAsync(model, "second.csv", BinaryData.FromString(withoutRadius), default));

        Assert.Equal(RunStatus.Quarantined, result.Status);
        Assert.Contains("'mean_radius', a feature of the accepted contract (version 1)", result.Reason, StringComparison.Ordinal);
        Assert.Single(await Registry.ListVersionsAsync(model, default));
    }

    [Fact]
    public async Task Run_OnAMalformedDataset_IsQuarantinedWithItsReportAndWritesNoVersion()
    {
        var model = Unique("ragged");
        var stored = await Datasets.UploadAsync(model, "ragged.csv", BinaryData.FromString("a,b,label\n1,2,x\n3,4\n"), default);

        var (_, result) = await RunAsync(model, stored);

        Assert.Equal(RunStatus.Quarantined, result.Status);
        Assert.Contains("line 3", result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Registry.ListVersionsAsync(model, default));
        var report = await Datasets.ReadQuarantineReportAsync(stored.BlobName, default);
        Assert.NotNull(report);
        Assert.False(report.Passed);
    }

    private async Task<(string RunId, RunResult Result)> RunAsync(string model, StoredDataset stored)
    {
        var launcher = engine.Services.GetRequiredService<RunLauncher>();
        var start = await launcher.StartAsync(engine.Host.Client, model, stored, RunTrigger.Manual(model, stored.BlobName), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var metadata = await engine.Host.Client.WaitForInstanceCompletionAsync(start.RunId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return (start.RunId, metadata.ReadOutputAs<RunResult>()!);
    }

    private static string DropColumn(string csv, string column)
    {
        var lines = csv.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, $"the sample has no column {column}");
        return string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != index)))) + "\n";
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>
    /// An eighth of the sample: a weaker challenger, whose holdout rows the champion has already learnt, so the
    /// champion scores at least as well on the shared holdout.
    /// </summary>
    private static string EveryNthRow(string sample, int n)
    {
        var lines = File.ReadAllLines(SampleDatasets.PathOf(sample));
        var csv = new StringBuilder().AppendLine(lines[0]);
        for (var i = 1; i < lines.Length; i += n)
        {
            csv.AppendLine(lines[i]);
        }

        return csv.ToString();
    }
}
