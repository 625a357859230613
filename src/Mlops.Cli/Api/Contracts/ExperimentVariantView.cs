namespace Mlops.Cli.Api.Contracts;

/// <summary>One side of an experiment: predictions served, those labelled, and their mean score.</summary>
public sealed record ExperimentVariantView(int Version, long Predictions, long Labelled, double? Value);
