using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Datasets;
using Mlops.Testing;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Tests.Scoring;

/// <summary>
/// The real engine with a champion trained once on breast_cancer (a small search), and chunks of 100 rows scored two at
/// a time, so a file of a thousand rows fans out into ten chunks.
/// </summary>
public sealed class ScoringEngineFixture : PipelineEngineFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Training:MaxTrials"] = "2",
        ["Training:Ensemble"] = "false",
        ["Scoring:ChunkRows"] = "100",
        ["Scoring:MaxConcurrentChunks"] = "2",
    };

    public string Model { get; } = $"score-bc-{Guid.NewGuid():N}"[..24];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var datasets = Services.GetRequiredService<IDatasetStore>();
        var stored = await datasets.UploadAsync(Model, "train.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.BreastCancer)), default);
        var start = await Services.GetRequiredService<RunLauncher>().StartAsync(Host.Client, Model, stored, RunTrigger.Manual(Model, stored.BlobName), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = await Host.Client.WaitForInstanceCompletionAsync(start.RunId, getInputsAndOutputs: true, timeout.Token);
        if (run.ReadOutputAs<RunResult>() is not { Status: RunStatus.Completed, Promoted: true })
        {
            throw new InvalidOperationException($"The scoring tests' champion was not trained: {run.SerializedOutput}");
        }
    }
}
