using Microsoft.DurableTask;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Registry;
using Mlops.Core.Validation;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Streams the dataset through the data-quality gate with its optional spec, against the data contract of the model's
/// champion when it has one, and keeps the whole report beside the run's other artifacts. The dataset is never held
/// in memory here: the profiler's memory is bounded.
/// </summary>
public sealed class ValidateDataset(DatasetLoader loader, IDatasetStore store, IModelRegistry registry, IModelArtifactStore artifacts, DatasetValidator validator, RunHeartbeat heartbeat)
    : TaskActivity<RunRequest, ValidationReport>
{
    public override async Task<ValidationReport> RunAsync(TaskActivityContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Dataset.Model;
        ArgumentNullException.ThrowIfNull(context);
        await using var alive = heartbeat.Start(model, context.InstanceId, nameof(ValidateDataset));
        var spec = await store.ReadSpecAsync(model, CancellationToken.None);
        var previous = await ChampionContractAsync(model);
        ValidationReport report;
        await using (var data = await loader.OpenAsync(input.Dataset, CancellationToken.None))
        {
            report = await validator.ValidateAsync(data, DatasetLoader.Format(input.Dataset), spec, previous, CancellationToken.None);
        }

        // Kept for every run, accepted or not: the run's findings and profiles are served from it.
        await artifacts.WriteAsync(ArtifactPaths.Validation(model, context.InstanceId), BinaryData.FromObjectAsJson(report, MlopsJson.Options), CancellationToken.None);

        // The contract (every column's profile) can be large; from version 2 it stays in the blob just written.
        return input.PipelineVersion >= PipelineVersions.Gated
            ? report with { Contract = null, PrimaryMetric = report.Contract?.PrimaryMetric }
            : report;
    }

    private async Task<DataContract?> ChampionContractAsync(string model)
    {
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, CancellationToken.None);
        if (champion is null)
        {
            return null;
        }

        var version = await registry.GetVersionAsync(model, champion.Version, CancellationToken.None);
        if (version?.ContractVersion is null)
        {
            return null;
        }

        var json = await artifacts.ReadAsync(ArtifactPaths.Contract(model, version.Version), CancellationToken.None)
            ?? throw new InvalidOperationException($"Version {version.Version} of {model} names data contract {version.ContractVersion}, but its contract.json is missing.");
        return json.ToObjectFromJson<DataContract>(MlopsJson.Options);
    }
}
