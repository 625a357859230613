using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

public sealed record EvaluateModelInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, TrainingSummary Training);
