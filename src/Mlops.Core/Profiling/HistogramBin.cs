namespace Mlops.Core.Profiling;

/// <summary>
/// A bin of a numeric column's histogram: values in [<paramref name="Lower"/>, <paramref name="Upper"/>), the last bin
/// closed at its upper end. The edges are the baseline's quantiles, so each bin holds a similar share of the accepted
/// data and drift monitoring can compare a window's shares bin by bin (PSI, chi-square).
/// </summary>
public sealed record HistogramBin(double Lower, double Upper, long Count);
