using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

/// <summary>The orchestration's input: which dataset, pinned by content. The run id is the instance id.</summary>
public sealed record RunRequest(DatasetRef Dataset)
{
    /// <summary>1 for the first execution; a restart runs the same input again as the next attempt.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>What started the run; null for runs started before triggers were recorded.</summary>
    public RunTrigger? Trigger { get; init; }

    /// <summary>
    /// The pipeline logic the run started under (<see cref="PipelineVersions"/>). Runs recorded before versions existed
    /// carry none and read as version 1, the logic they were started with.
    /// </summary>
    public int PipelineVersion { get; init; } = PipelineVersions.PointEstimate;
}
