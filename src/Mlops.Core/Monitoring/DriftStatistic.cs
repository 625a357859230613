namespace Mlops.Core.Monitoring;

/// <summary>
/// One statistic of one feature in one window. Effect sizes (PSI, JS distance, normalized Wasserstein) carry a
/// threshold and decide; tests (KS, chi-square) carry a p-value and only inform, because at monitoring's sample sizes
/// a p-value measures the size of the window more than the size of the change.
/// </summary>
/// <param name="Statistic">One of <see cref="DriftStatistics"/>.</param>
/// <param name="Value">The statistic (the Wasserstein distance divided by the reference's scale).</param>
/// <param name="Threshold">The value it must pass to count as drift; null when it does not decide.</param>
/// <param name="PValue">The test's p-value; null for effect sizes.</param>
public sealed record DriftStatistic(string Statistic, double Value, double? Threshold, double? PValue)
{
    /// <summary>The chi-square test's degrees of freedom; null for the other statistics.</summary>
    public int? DegreesOfFreedom { get; init; }

    /// <summary>True when the statistic decides and is above its threshold.</summary>
    public bool Exceeded => Threshold is { } threshold && Value > threshold;
}
