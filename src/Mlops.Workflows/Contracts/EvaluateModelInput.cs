using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

public sealed record EvaluateModelInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, TrainingSummary Training)
{
    /// <summary>The run's pipeline version: 1 decides on the point estimate, 2 on the gates.</summary>
    public int PipelineVersion { get; init; } = PipelineVersions.PointEstimate;
}
