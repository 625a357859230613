namespace Mlops.Core.Monitoring;

/// <summary>A chi-square goodness-of-fit test of a window against the reference's shares.</summary>
/// <param name="Statistic">The sum over the merged cells of (observed - expected)^2 / expected.</param>
/// <param name="DegreesOfFreedom">Merged cells less one; 0 when fewer than two cells remain and there is no test.</param>
/// <param name="PValue">The chance of a statistic this large were the window drawn from the reference; null without a test.</param>
/// <param name="Cells">Cells left after merging the sparse ones.</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double? PValue, int Cells);
