namespace Mlops.Core.Evaluation;

/// <summary>
/// The spec's <c>"gates"</c>: what a new version must show on its holdout before it is promoted. Every field has a
/// default, so a model without a spec still needs an improvement the data can tell from noise.
/// </summary>
public sealed record EvaluationGates
{
    public static EvaluationGates Default { get; } = new();

    /// <summary>Absolute bounds per metric (<see cref="MetricNames"/> keys), judged on the holdout value.</summary>
    public IReadOnlyDictionary<string, MetricBounds> Thresholds { get; init; } = new Dictionary<string, MetricBounds>();

    /// <summary>
    /// How much better than the champion the challenger must be, in the selection metric's units (or a fraction of
    /// the champion's value when <see cref="Relative"/>): the lower end of the difference's interval must pass it.
    /// 0 still asks for an interval above zero.
    /// </summary>
    public double MinImprovement { get; init; }

    /// <summary>Whether <see cref="MinImprovement"/> is a fraction of the champion's value rather than absolute.</summary>
    public bool Relative { get; init; }

    /// <summary>The interval's coverage.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Bootstrap resamples.</summary>
    public int Resamples { get; init; } = 1000;
}
