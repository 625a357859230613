namespace Mlops.Core.Training.Ensembles;

/// <summary>The ensemble's verdict and, when it was kept, the blended model trained on all training rows.</summary>
public sealed record EnsembleOutcome(EnsembleDecision Decision, TrainedModel? Model);
