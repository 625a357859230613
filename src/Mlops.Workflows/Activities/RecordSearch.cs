using Microsoft.DurableTask;
using Mlops.Core;
using Mlops.Core.Registry;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>Writes the run's search record (trials.json) beside its candidate; a retry overwrites it with the same record.</summary>
public sealed class RecordSearch(IModelArtifactStore artifacts) : TaskActivity<RecordSearchInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, RecordSearchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var path = ArtifactPaths.Trials(input.Model, input.Record.RunId);
        await artifacts.WriteAsync(path, BinaryData.FromObjectAsJson(input.Record, MlopsJson.Options), CancellationToken.None);
        return path;
    }
}
