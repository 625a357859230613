using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run.</param>
/// <param name="Dataset">The validated dataset.</param>
/// <param name="Schema">Its schema.</param>
/// <param name="Search">The search's choice to refit on all training rows; null trains the task's default trainer.</param>
public sealed record TrainModelInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, SearchSelection? Search = null);
