using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Training.Search;
using Mlops.Testing;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Tests.WarmStarts;

/// <summary>Runs of one model on the engine, each read back as its result, its search record and its train stage.</summary>
internal static class ModelRuns
{
    public static async Task<Run> RunAsync(PipelineEngineFixture engine, string model, string file, BinaryData csv)
    {
        var stored = await engine.Services.GetRequiredService<IDatasetStore>().UploadAsync(model, file, csv, default);
        var start = await engine.Services.GetRequiredService<RunLauncher>().StartAsync(engine.Host.Client, model, stored, RunTrigger.Manual(model, stored.BlobName), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var metadata = await engine.Host.Client.WaitForInstanceCompletionAsync(start.RunId, getInputsAndOutputs: true, timeout.Token);
        var result = metadata.ReadOutputAs<RunResult>()!;
        Assert.True(result.Status == RunStatus.Completed, result.Reason);

        var written = await engine.Services.GetRequiredService<IModelArtifactStore>().ReadAsync(ArtifactPaths.Trials(model, start.RunId), default);
        var record = written!.ToObjectFromJson<SearchRecord>(MlopsJson.Options)!;
        var train = metadata.ReadCustomStatusAs<RunProgress>()!.Stages.Single(s => s.Name == "train");
        return new Run(result, record, train.Detail);
    }

    /// <summary>Breast cancer as shipped: the first run's data.</summary>
    public static BinaryData BreastCancer() => BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.BreastCancer));

    /// <summary>Every other row of breast cancer: new data for the same model, with the same columns.</summary>
    public static BinaryData HalfOfBreastCancer()
    {
        var lines = File.ReadAllLines(SampleDatasets.PathOf(SampleDatasets.BreastCancer));
        var csv = new StringBuilder().AppendLine(lines[0]);
        foreach (var line in lines.Skip(1).Where((_, i) => i % 2 == 1))
        {
            csv.AppendLine(line);
        }

        return BinaryData.FromString(csv.ToString());
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public sealed record Run(RunResult Result, SearchRecord Record, string? TrainDetail)
    {
        /// <summary>The configuration of the trial the search selected: what the registered version was refitted with.</summary>
        public TrialConfiguration Winner => Record.Trials[Record.Winner!.Value].Configuration;
    }
}
