using System.Globalization;
using Mlops.Core.Monitoring;
using Mlops.Core.Profiling;
using Xunit.Abstractions;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>Drift decided on effect sizes: large stationary windows stay quiet, a real shift is caught on its feature only.</summary>
public class DriftDetectorTests(ITestOutputHelper output)
{
    private static readonly string[] Colours = ["red", "green", "blue", "teal"];
    private static readonly double[] ColourWeights = [0.4, 0.3, 0.2, 0.1];

    [Fact]
    public void AStationaryMillionRowWindow_RaisesNoDrift_ThoughItsKsPValueIsTiny()
    {
        var contract = ContractColumns.Profile(new Dictionary<string, string[]> { ["x"] = ContractColumns.Text(ContractColumns.Normal(100_000, seed: 21)) });
        var reference = NumericReference.From(contract["x"]);
        var window = ContractColumns.Normal(1_000_000, seed: 22);

        var drift = new DriftDetector(MonitoringSettings.Default).Compare("x", reference, window);

        var ks = drift.Statistic(DriftStatistics.KolmogorovSmirnov)!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1,000,000 stationary rows against a 100,000-row contract: {string.Join(", ", drift.Statistics.Select(s => $"{s.Statistic} {s.Value:G4}{(s.PValue is { } p ? $" (p {p:G3})" : "")}"))}"));
        Assert.Equal(WindowStatus.Judged, drift.Status);
        Assert.False(drift.Drifted);
        Assert.All(drift.Statistics.Where(s => s.Threshold is not null), s => Assert.True(s.Value < s.Threshold / 2, $"{s.Statistic} {s.Value} is not well below {s.Threshold}"));

        // A bare KS test would call this window drifted: the contract's binned, sketched CDF is off by a fraction of a
        // percent, and at a million rows that is overwhelming evidence of a difference nobody would act on.
        Assert.True(ks.PValue < 0.05, $"KS p-value {ks.PValue}");
    }

    [Fact]
    public void AHalfDeviationShiftInOneFeature_DriftsThatFeatureOnly_DeclaredOnTheKthWindow()
    {
        var settings = MonitoringSettings.Default;
        const int Rows = 5_000;
        var contract = ContractColumns.Profile(new Dictionary<string, string[]>
        {
            ["a"] = ContractColumns.Text(ContractColumns.Normal(50_000, seed: 31)),
            ["b"] = ContractColumns.Text(ContractColumns.Normal(50_000, seed: 32, mean: 10, deviation: 3)),
            ["c"] = ContractColumns.Text(ContractColumns.Normal(50_000, seed: 33, mean: -5, deviation: 0.1)),
            ["colour"] = ContractColumns.Categories(50_000, seed: 34, Colours, ColourWeights),
        });
        var detector = new DriftDetector(settings);
        var streaks = new[] { "a", "b", "c", "colour" }.ToDictionary(f => f, DriftStreak.Start);
        var declaredAt = new Dictionary<string, int>();

        for (var window = 1; window <= settings.ConsecutiveWindows + 2; window++)
        {
            var seed = 1000 * window;
            FeatureDrift[] drifts =
            [
                detector.Compare("a", NumericReference.From(contract["a"]), ContractColumns.Normal(Rows, seed + 1)),
                detector.Compare("b", NumericReference.From(contract["b"]), ContractColumns.Normal(Rows, seed + 2, mean: 10 + (0.5 * 3), deviation: 3)),
                detector.Compare("c", NumericReference.From(contract["c"]), ContractColumns.Normal(Rows, seed + 3, mean: -5, deviation: 0.1)),
                detector.Compare("colour", CategoricalReference.From(contract["colour"]), ContractColumns.Categories(Rows, seed + 4, Colours, ColourWeights)),
            ];
            foreach (var drift in drifts)
            {
                streaks[drift.Feature] = streaks[drift.Feature].After(drift, settings.ConsecutiveWindows);
                if (streaks[drift.Feature].JustDeclared)
                {
                    declaredAt[drift.Feature] = window;
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window {window} {drift.Feature}: drifted {drift.Drifted}, run {streaks[drift.Feature].Consecutive}; {string.Join(", ", drift.Statistics.Select(s => $"{s.Statistic} {s.Value:G3}"))}"));
            }

            Assert.True(drifts[1].Drifted, $"b did not drift in window {window}");
            Assert.All(drifts.Where(d => d.Feature != "b"), d => Assert.False(d.Drifted, $"{d.Feature} drifted in window {window}"));
        }

        Assert.Equal(new Dictionary<string, int> { ["b"] = settings.ConsecutiveWindows }, declaredAt);
        var verdict = ModelDriftVerdict.Judge([.. streaks.Values], prediction: null, settings.DriftedFeatureShare);
        Assert.Equal(["b"], verdict.DriftedFeatures);
        Assert.False(verdict.Detected, "one feature in four is below the default share of 0.3");
    }

    [Fact]
    public void AStationaryDiscreteFeature_DoesNotDrift_ItsWassersteinIsReportedNotJudged()
    {
        string[] values = ["0", "1", "2"];
        double[] weights = [0.5, 0.3, 0.2];
        var contract = ContractColumns.Profile(new Dictionary<string, string[]> { ["children"] = ContractColumns.Categories(20_000, seed: 41, values, weights) });
        var reference = NumericReference.From(contract["children"]);
        var window = ContractColumns.Categories(5_000, seed: 42, values, weights).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        var drift = new DriftDetector(MonitoringSettings.Default).Compare("children", reference, window);

        output.WriteLine(string.Join(", ", drift.Statistics.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Statistic} {s.Value:G4}"))));
        Assert.True(reference.Discrete);
        Assert.Null(drift.Statistic(DriftStatistics.Wasserstein)!.Threshold);
        Assert.False(drift.Drifted);
    }

    [Fact]
    public void ANewCategoryTakingAFifthOfTheWindow_Drifts()
    {
        var contract = ContractColumns.Profile(new Dictionary<string, string[]> { ["colour"] = ContractColumns.Categories(20_000, seed: 51, Colours, ColourWeights) });
        var window = ContractColumns.Categories(2_000, seed: 52, [.. Colours, "magenta"], [0.32, 0.24, 0.16, 0.08, 0.2]);

        var drift = new DriftDetector(MonitoringSettings.Default).Compare("colour", CategoricalReference.From(contract["colour"]), window);

        output.WriteLine(string.Join(", ", drift.Statistics.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Statistic} {s.Value:G4} (p {s.PValue:G3})"))));
        Assert.True(drift.Drifted);
        Assert.True(drift.Statistic(DriftStatistics.Psi)!.Exceeded);
    }

    [Fact]
    public void AWindowBelowMinSamples_IsInsufficientAndNeverDrifts()
    {
        var contract = ContractColumns.Profile(new Dictionary<string, string[]> { ["x"] = ContractColumns.Text(ContractColumns.Normal(10_000, seed: 61)) });
        var detector = new DriftDetector(MonitoringSettings.Default with { MinSamples = 500 });

        var shiftedButSmall = detector.Compare("x", NumericReference.From(contract["x"]), ContractColumns.Normal(499, seed: 62, mean: 3), missing: 40);
        var empty = detector.Compare("x", NumericReference.From(contract["x"]), [], missing: 12);

        Assert.Equal(WindowStatus.Insufficient, shiftedButSmall.Status);
        Assert.True(shiftedButSmall.Statistic(DriftStatistics.Psi)!.Exceeded, "the statistics are still reported");
        Assert.False(shiftedButSmall.Drifted);
        Assert.Equal((499L, 40L), (shiftedButSmall.Rows, shiftedButSmall.Missing));
        Assert.Equal(WindowStatus.Insufficient, empty.Status);
        Assert.Empty(empty.Statistics);
    }

    [Fact]
    public void ValuesOutsideTheTrainingRange_FallInTheOuterBins()
    {
        var reference = new NumericReference([new HistogramBin(0, 1, 10), new HistogramBin(1, 2, 10), new HistogramBin(2, 3, 10)], [], 1);

        Assert.Equal([0, 0, 1, 2, 2, 2], new[] { -50, 0.5, 1, 2, 3, 99 }.Select(reference.BinOf));
    }
}
