namespace Mlops.Core.Monitoring;

/// <summary>The champion's primary metric over one window's joined feedback, with a confidence interval.</summary>
/// <param name="Metric">The metric's name (<c>accuracy</c>, <c>rmse</c>).</param>
/// <param name="Value">Its value over the window.</param>
/// <param name="Lower">The interval's lower end.</param>
/// <param name="Upper">The interval's upper end.</param>
/// <param name="Count">Labelled predictions behind it.</param>
/// <param name="HigherIsBetter">True for accuracy, false for an error.</param>
public sealed record MetricInterval(string Metric, double Value, double Lower, double Upper, long Count, bool HigherIsBetter)
{
    /// <summary>
    /// True when the whole interval is on the worse side of <paramref name="baseline"/> (the champion's holdout
    /// score): a window whose interval still holds the baseline has not shown decay, however low its point estimate.
    /// </summary>
    public bool WorseThan(double baseline) => HigherIsBetter ? Upper < baseline : Lower > baseline;
}
