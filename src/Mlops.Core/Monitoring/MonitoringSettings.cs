namespace Mlops.Core.Monitoring;

/// <summary>
/// The spec's <c>"monitoring"</c> block (ARCHITECTURE.md, v1 additions); every field has a default, so a model whose
/// spec says nothing is still watched. Thresholds are effect sizes, not p-values: with a million rows a window, a
/// p-value finds differences nobody would act on, while an effect size means the same at any window size.
/// </summary>
public sealed record MonitoringSettings
{
    public static MonitoringSettings Default { get; } = new();

    /// <summary>
    /// Population stability index above which a feature has drifted. 0.2 is the credit-scoring convention (below 0.1
    /// stable, 0.1 to 0.2 a moderate shift, above 0.2 a significant one) on the decile bins our contracts store; a mean
    /// shift of half a standard deviation of a normal feature measures 0.21 to 0.27 on them, a stationary window of
    /// 500 rows about 0.02 (its 99th percentile 0.04).
    /// </summary>
    public double PsiThreshold { get; init; } = 0.2;

    /// <summary>
    /// Jensen-Shannon distance (base 2, so in [0, 1]) above which a feature has drifted. 0.1 is Evidently's default;
    /// on ten decile bins a half-deviation shift measures about 0.2, so 0.1 is about a quarter of a deviation, while a
    /// stationary window of 500 rows averages 0.056 and passes 0.1 in 6 of 10,000 windows (and then must do so
    /// <see cref="ConsecutiveWindows"/> times running).
    /// </summary>
    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>
    /// Wasserstein-1 distance divided by the reference's interquartile range above which a numeric feature has drifted.
    /// 0.1 of the IQR is a mean shift of about 0.135 standard deviations of a normal feature: small enough to catch a
    /// shift a model notices, large enough that the contract's binned reference does not reach it on stationary data
    /// (0.013 on a million rows, 0.02 to 0.03 on 5,000).
    /// </summary>
    public double WassersteinThreshold { get; init; } = 0.1;

    /// <summary>
    /// Present values a window needs before it is judged; fewer make it "insufficient". At 500 rows the sampling
    /// noise of the effect sizes (PSI about 0.02, JS distance about 0.06 on ten bins) stays well below the thresholds,
    /// so what passes them is the data moving, not the window being small.
    /// </summary>
    public int MinSamples { get; init; } = 500;

    /// <summary>Consecutive judged windows past a threshold before a feature's drift is declared (spec key <c>"k"</c>).</summary>
    public int ConsecutiveWindows { get; init; } = 3;

    /// <summary>Share of the features whose declared drift makes the model's drift (the prediction's drift alone does too).</summary>
    public double DriftedFeatureShare { get; init; } = 0.3;

    /// <summary>Confidence of the interval around a window's metric over joined feedback.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Page-Hinkley's tolerated increase of the error stream's mean (see <see cref="PageHinkley"/>).</summary>
    public double PageHinkleyDelta { get; init; } = PageHinkley.DefaultDelta;

    /// <summary>Page-Hinkley's alarm threshold on the cumulative excess error (see <see cref="PageHinkley"/>).</summary>
    public double PageHinkleyLambda { get; init; } = PageHinkley.DefaultLambda;

    /// <summary>Observations Page-Hinkley sees before it may alarm, so the running mean is not a handful of errors.</summary>
    public int PageHinkleyMinObservations { get; init; } = PageHinkley.DefaultMinObservations;

    /// <summary>Hours after a retraining run starts before drift or decay may start another (read by the retraining loop).</summary>
    public double CooldownHours { get; init; } = 24;

    /// <summary>Retraining runs monitoring may start per calendar month; past it, an alert instead (0: alerts only).</summary>
    public int MonthlyRetrainBudget { get; init; } = 4;

    /// <summary>The change detector these settings describe.</summary>
    public PageHinkley Detector => new(PageHinkleyDelta, PageHinkleyLambda, PageHinkleyMinObservations);
}
