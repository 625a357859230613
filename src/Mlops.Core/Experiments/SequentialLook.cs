namespace Mlops.Core.Experiments;

/// <summary>One look at an experiment: the difference of mean scores (challenger − champion) and its always-valid reading.</summary>
/// <param name="Estimate">The challenger's mean score minus the champion's.</param>
/// <param name="Lower">The lower end of the always-valid confidence interval of the difference.</param>
/// <param name="Upper">Its upper end.</param>
/// <param name="PValue">The always-valid p-value of "no difference", never larger than at an earlier look.</param>
/// <param name="Significant">Whether <paramref name="PValue"/> is at most alpha: the interval then excludes zero.</param>
public sealed record SequentialLook(double Estimate, double Lower, double Upper, double PValue, bool Significant)
{
    /// <summary>
    /// False when every score so far was the same within each variant: the spread is unknown, so the interval's width
    /// rests on a floor, not on data. Such a look still reads a clear difference (all errors against none), but a
    /// later look does not carry its interval or p-value forward.
    /// </summary>
    public bool Informative { get; init; } = true;
}
