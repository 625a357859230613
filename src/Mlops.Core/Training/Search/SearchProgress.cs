namespace Mlops.Core.Training.Search;

/// <summary>How far a search has got, for the run's status.</summary>
/// <param name="TrialsDone">Trials finished, whatever their outcome.</param>
/// <param name="TrialsPlanned">Trials the plan allows.</param>
/// <param name="TrialsFailed">Trials that threw.</param>
/// <param name="TrialsStoppedEarly">Trials stopped as hopeless.</param>
/// <param name="Metric">The primary metric.</param>
/// <param name="Best">The best trial so far on the largest budget reached; null before one completes.</param>
/// <param name="TrialSeconds">Compute the finished trials took, summed: set against the wall time, what concurrency bought.</param>
public sealed record SearchProgress(int TrialsDone, int TrialsPlanned, int TrialsFailed, int TrialsStoppedEarly, string Metric, TrialResult? Best, double TrialSeconds);
