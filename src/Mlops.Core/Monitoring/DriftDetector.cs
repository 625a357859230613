namespace Mlops.Core.Monitoring;

/// <summary>
/// Compares one window of a feature with the champion's data contract and says whether it drifted: any effect size
/// past its threshold, with at least <see cref="MonitoringSettings.MinSamples"/> present values. Each call is one pass
/// (and, for numeric features, one sort of a copy) over the window; nothing is kept between calls, so drift across
/// windows is <see cref="DriftStreak"/>'s concern.
/// </summary>
public sealed class DriftDetector(MonitoringSettings settings)
{
    private readonly MonitoringSettings settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>A numeric feature: PSI and JS distance over the contract's bins, normalized Wasserstein and KS against its CDF.</summary>
    /// <param name="feature">The feature's name.</param>
    /// <param name="reference">The contract's description of it.</param>
    /// <param name="values">The window's present values (finite), in any order; not modified.</param>
    /// <param name="missing">How many of the window's rows had no value.</param>
    public FeatureDrift Compare(string feature, NumericReference reference, ReadOnlySpan<double> values, long missing = 0)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (values.IsEmpty)
        {
            return new FeatureDrift(feature, 0, missing, WindowStatus.Insufficient, []);
        }

        var counts = new long[reference.Bins.Count];
        var sorted = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Value {i} of '{feature}' is {value}; count it as missing instead.", nameof(values));
            }

            counts[reference.BinOf(value)]++;
            sorted[i] = value;
        }

        Array.Sort(sorted);
        var referenceCounts = reference.Counts();
        var ks = KolmogorovSmirnov.Statistic(sorted, reference.Cdf);
        DriftStatistic[] statistics =
        [
            new(DriftStatistics.Psi, PopulationStabilityIndex.Compute(referenceCounts, counts), settings.PsiThreshold, null),
            new(DriftStatistics.JensenShannon, JensenShannonDistance.Compute(referenceCounts, counts), settings.JensenShannonThreshold, null),
            new(DriftStatistics.Wasserstein, WassersteinDistance.Compute(sorted, reference.Cdf) / reference.Scale, reference.Discrete ? null : settings.WassersteinThreshold, null),
            new(DriftStatistics.KolmogorovSmirnov, ks, null, KolmogorovSmirnov.PValue(ks, reference.Rows, values.Length)),
        ];
        return new FeatureDrift(feature, values.Length, missing, StatusOf(values.Length), statistics);
    }

    /// <summary>A categorical feature (or a class prediction): PSI, JS distance and chi-square over the contract's categories and "other".</summary>
    /// <param name="feature">The feature's name.</param>
    /// <param name="reference">The contract's description of it.</param>
    /// <param name="values">The window's present values.</param>
    /// <param name="missing">How many of the window's rows had no value.</param>
    public FeatureDrift Compare(string feature, CategoricalReference reference, IReadOnlyCollection<string> values, long missing = 0)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new FeatureDrift(feature, 0, missing, WindowStatus.Insufficient, []);
        }

        var counts = new long[reference.CellCount];
        foreach (var value in values)
        {
            counts[reference.CellOf(value)]++;
        }

        var referenceCounts = reference.Counts();
        var chiSquare = ChiSquareTest.Compute(referenceCounts, counts);
        DriftStatistic[] statistics =
        [
            new(DriftStatistics.Psi, PopulationStabilityIndex.Compute(referenceCounts, counts), settings.PsiThreshold, null),
            new(DriftStatistics.JensenShannon, JensenShannonDistance.Compute(referenceCounts, counts), settings.JensenShannonThreshold, null),
            new(DriftStatistics.ChiSquare, chiSquare.Statistic, null, chiSquare.PValue) { DegreesOfFreedom = chiSquare.DegreesOfFreedom },
        ];
        return new FeatureDrift(feature, values.Count, missing, StatusOf(values.Count), statistics);
    }

    private WindowStatus StatusOf(long rows) => rows >= settings.MinSamples ? WindowStatus.Judged : WindowStatus.Insufficient;
}
