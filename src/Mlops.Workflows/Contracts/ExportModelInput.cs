using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run whose candidate is exported.</param>
/// <param name="Dataset">The training data, whose holdout the export is checked on.</param>
/// <param name="Schema">The model's input.</param>
/// <param name="CandidatePath">The trained candidate's model.zip.</param>
public sealed record ExportModelInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, string CandidatePath);
