namespace Mlops.Core.Experiments;

/// <summary>An experiment as stored, with the ETag a compare-and-swap update needs.</summary>
public sealed record StoredExperiment(Experiment Experiment, string ETag);
