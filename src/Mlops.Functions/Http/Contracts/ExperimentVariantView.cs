namespace Mlops.Functions.Http.Contracts;

/// <summary>One side of an experiment at its last look: predictions served, those labelled, and their mean score.</summary>
public sealed record ExperimentVariantView(int Version, long Predictions, long Labelled, double? Value);
