namespace Mlops.Core.Monitoring;

/// <summary>The names of the drift statistics, as reports and the spec's <c>"monitoring"</c> block spell them.</summary>
public static class DriftStatistics
{
    public const string Psi = "psi";
    public const string JensenShannon = "jensenShannon";
    public const string Wasserstein = "wasserstein";
    public const string KolmogorovSmirnov = "kolmogorovSmirnov";
    public const string ChiSquare = "chiSquare";
}
