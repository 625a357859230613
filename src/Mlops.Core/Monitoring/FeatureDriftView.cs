namespace Mlops.Core.Monitoring;

/// <summary>One feature (or the prediction) in a window: its statistics, whether it passed a threshold, and its streak.</summary>
/// <param name="Name">The feature, or "prediction".</param>
/// <param name="Rows">Present values in the window.</param>
/// <param name="Status">judged or insufficient.</param>
/// <param name="Statistics">Each statistic with its threshold (effect sizes) and p-value (tests).</param>
/// <param name="Drifted">An effect size passed its threshold in this window.</param>
/// <param name="Consecutive">Judged windows in a row that drifted, this one included.</param>
/// <param name="Declared">Drift declared: <see cref="MonitoringSettings.ConsecutiveWindows"/> reached.</param>
public sealed record FeatureDriftView(string Name, long Rows, string Status, IReadOnlyList<DriftStatistic> Statistics, bool Drifted, int Consecutive, bool Declared);
