using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;

namespace Mlops.Workflows.Contracts;

/// <summary>One trial of a run's search; the data travels as its reference, read by the activity.</summary>
public sealed record RunTrialInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, TrialSettings Settings, TrialRequest Trial);
