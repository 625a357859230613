namespace Mlops.Core.Monitoring;

/// <summary>How one feature (or the prediction) of one window compares with the champion's data contract.</summary>
/// <param name="Feature">The column's name.</param>
/// <param name="Rows">Present values in the window: what the statistics were computed on and what is held against the minimum.</param>
/// <param name="Missing">Missing values, left out of the statistics (the contract's missing rate is checked elsewhere).</param>
/// <param name="Status">Judged, or insufficient when <paramref name="Rows"/> is below the minimum.</param>
/// <param name="Statistics">Every statistic computed; empty when the window has no present value.</param>
public sealed record FeatureDrift(string Feature, long Rows, long Missing, WindowStatus Status, IReadOnlyList<DriftStatistic> Statistics)
{
    /// <summary>True when the window is judged and any deciding statistic passed its threshold.</summary>
    public bool Drifted => Status == WindowStatus.Judged && Statistics.Any(s => s.Exceeded);

    /// <summary>The statistic named <paramref name="statistic"/>, or null when it was not computed.</summary>
    public DriftStatistic? Statistic(string statistic) =>
        Statistics.FirstOrDefault(s => string.Equals(s.Statistic, statistic, StringComparison.Ordinal));
}
