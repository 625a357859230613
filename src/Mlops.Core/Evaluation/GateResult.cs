namespace Mlops.Core.Evaluation;

/// <summary>One gate's verdict, with the numbers behind it.</summary>
/// <param name="Gate">"min" or "max" (an absolute bound on a metric), or "improvement" (over the champion or the baseline).</param>
/// <param name="Metric">The metric judged.</param>
/// <param name="Passed">Whether the challenger passed.</param>
/// <param name="Observed">The challenger's holdout value, or for "improvement" the estimated improvement.</param>
/// <param name="Threshold">The bound, or the improvement required.</param>
/// <param name="Lower">For "improvement": the lower end of the improvement's interval.</param>
/// <param name="Upper">For "improvement": its upper end.</param>
/// <param name="Against">For "improvement": what the challenger was compared with ("champion v3", "baseline").</param>
/// <param name="Message">The verdict as a sentence.</param>
public sealed record GateResult(string Gate, string Metric, bool Passed, double Observed, double Threshold, double? Lower, double? Upper, string? Against, string Message)
{
    /// <summary>How far the challenger is past the threshold (negative: short of it); for "improvement", from the interval's lower end.</summary>
    public double Margin => Gate switch
    {
        GateKinds.Max => Threshold - Observed,
        GateKinds.Improvement => (Lower ?? double.NaN) - Threshold,
        _ => Observed - Threshold,
    };
}
