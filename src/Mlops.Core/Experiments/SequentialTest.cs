namespace Mlops.Core.Experiments;

/// <summary>
/// The mixture sequential probability ratio test of Johari, Pekelis and Walsh ("Always valid inference", 2017) for the
/// difference of two means, with a normal mixture N(0, τ²) over the effect and the variance estimated from the data.
/// Its p-value and interval stay valid however often they are read, so an experiment can look after every batch and
/// stop as soon as the evidence is there, without the inflated false positives of peeking at a fixed-horizon test.
/// </summary>
public static class SequentialTest
{
    /// <summary>
    /// τ as a share of the scores' pooled standard deviation: effects of about a tenth of a standard deviation (three
    /// points of accuracy around 80%) are detected soonest; much larger ones still stop early, much smaller ones late.
    /// </summary>
    public const double DefaultTauScale = 0.1;

    /// <param name="champion">The champion's scores so far.</param>
    /// <param name="challenger">The challenger's scores so far.</param>
    /// <param name="alpha">The false-positive rate the test holds at every look.</param>
    /// <param name="previous">The last look, if any: the always-valid p-value never rises and the interval only narrows
    /// (the running intersection of valid intervals is valid).</param>
    /// <param name="tauScale">τ as a share of the pooled standard deviation.</param>
    /// <returns>Null until each variant has two scores.</returns>
    public static SequentialLook? Look(VariantTally champion, VariantTally challenger, double alpha, SequentialLook? previous = null, double tauScale = DefaultTauScale)
    {
        if (alpha is <= 0 or >= 1 || double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha is in (0, 1).");
        }

        if (champion.Count < 2 || challenger.Count < 2)
        {
            return null;
        }

        var estimate = challenger.Mean - champion.Mean;
        var pooled = ((champion.Variance * (champion.Count - 1)) + (challenger.Variance * (challenger.Count - 1))) / (champion.Count + challenger.Count - 2);
        // Every score the same within each variant (all right, say, on the first labels) says nothing of the spread: the
        // floors below then make an interval of width ~0. It still reads a clear difference (a guardrail's errors
        // against none), but it is no evidence for later looks to be held to.
        var informative = pooled > 0;
        if (previous is { Informative: false })
        {
            previous = null;
        }

        // Floors keep the ratio finite when a variant's scores (or all of them) are the same.
        var v = Math.Max((champion.Variance / champion.Count) + (challenger.Variance / challenger.Count), 1e-12);
        var tau2 = Math.Max(tauScale * tauScale * pooled, 1e-12);
        var logRatio = (0.5 * Math.Log(v / (v + tau2))) + (tau2 * estimate * estimate / (2 * v * (v + tau2)));
        var pValue = Math.Min(previous?.PValue ?? 1, Math.Min(1, Math.Exp(-logRatio)));
        var halfWidth = Math.Sqrt(v * (v + tau2) / tau2 * ((2 * Math.Log(1 / alpha)) + Math.Log((v + tau2) / v)));
        var (lower, upper) = (estimate - halfWidth, estimate + halfWidth);
        if (previous is not null)
        {
            (lower, upper) = (Math.Max(lower, previous.Lower), Math.Min(upper, previous.Upper));
        }

        return new SequentialLook(estimate, lower, upper, pValue, pValue <= alpha) { Informative = informative };
    }
}
