namespace Mlops.Core.Evaluation;

/// <summary>The trivial baseline's holdout metrics, named as <see cref="TrivialBaseline.Describe"/> names it.</summary>
public sealed record BaselineScore(string Name, IReadOnlyDictionary<string, double> Metrics);
