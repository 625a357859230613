using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

public sealed record TrainModelInput(string RunId, DatasetRef Dataset, DatasetSchema Schema);
