using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

public sealed record RegisterModelInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, TrainingSummary Training, EvaluationSummary Evaluation);
