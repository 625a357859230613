namespace Mlops.Core.Experiments;

/// <summary>A look's result: the look itself, and the status it moves the experiment to (null: keep running) with why.</summary>
public sealed record ExperimentVerdict(ExperimentLook Look, string? Outcome, string Reason);
