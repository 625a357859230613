namespace Mlops.Core.Evaluation;

/// <summary>
/// One metric of two models on the same rows and the paired bootstrap interval of their difference
/// (<paramref name="B"/> minus <paramref name="A"/>, in the metric's own direction: for RMSE a negative difference
/// means B is better).
/// </summary>
/// <param name="Metric">A <see cref="MetricNames"/> key.</param>
/// <param name="A">The first model's value on all rows.</param>
/// <param name="B">The second model's value on all rows.</param>
/// <param name="Estimate">B − A on all rows.</param>
/// <param name="Lower">The interval's lower end (percentile bootstrap).</param>
/// <param name="Upper">The interval's upper end.</param>
/// <param name="Confidence">The interval's coverage, e.g. 0.95.</param>
/// <param name="Resamples">Resamples on which the metric was defined for both models.</param>
public sealed record MetricDifference(string Metric, double A, double B, double Estimate, double Lower, double Upper, double Confidence, int Resamples)
{
    /// <summary>Whether the interval leaves out zero: the data tell the two models apart on this metric.</summary>
    public bool Excludes0 => Lower > 0 || Upper < 0;
}
