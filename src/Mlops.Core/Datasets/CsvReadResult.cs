using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// The outcome of reading a CSV: the dataset, or the one error that stopped the read. Bad data is a value here,
/// not an exception, so that a run can quarantine the upload with a reason.
/// </summary>
/// <param name="Dataset">The parsed dataset; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the file could not be read (Severity.Error); null on success.</param>
public sealed record CsvReadResult(CsvDataset? Dataset, ValidationFinding? Error);
