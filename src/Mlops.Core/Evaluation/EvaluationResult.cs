namespace Mlops.Core.Evaluation;

/// <summary>A model scored on a holdout: either its metrics, or why it could not be scored.</summary>
/// <param name="Metrics">Holdout metrics, keyed as in <see cref="MetricNames"/>; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">A sentence saying why the model could not read the data; null when it could.</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double>? Metrics, string? Problem)
{
    internal static EvaluationResult Failed(string problem) => new(null, problem);
}
