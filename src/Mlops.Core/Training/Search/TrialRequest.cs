namespace Mlops.Core.Training.Search;

/// <summary>One trial to run: a configuration on a budget.</summary>
/// <param name="Index">The trial's number in the search, from 0, in the order trials were dispatched.</param>
/// <param name="Rung">The successive-halving rung, 0 for the smallest budget (random search has one rung).</param>
/// <param name="Configuration">The trainer and hyperparameters.</param>
/// <param name="Budget">Share of each fold's training rows the trial fits on, in (0, 1].</param>
/// <param name="StopWhenWorseThan">
/// The trial stops early once its primary metric, even with perfect scores on the folds left, would be worse than
/// this; null to always finish.
/// </param>
public sealed record TrialRequest(int Index, int Rung, TrialConfiguration Configuration, double Budget, double? StopWhenWorseThan);
