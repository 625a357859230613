using System.Globalization;
using System.Text.Json;
using Mlops.Core.Monitoring;
using Mlops.Core.Profiling;
using Mlops.Testing;
using Xunit.Abstractions;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>
/// The drift and decay statistics against scripts/drift_reference.py (numpy and scipy) on the same samples:
/// statistics to 1e-6, p-values to 1e-3.
/// </summary>
public class DriftReferenceTests(ITestOutputHelper output)
{
    private const double StatisticTolerance = 1e-6;
    private const double PValueTolerance = 1e-3;

    private static readonly DriftDetector Detector = new(MonitoringSettings.Default);

    [Fact]
    public void NumericStatistics_AgreeWithScipy()
    {
        var training = ContractColumns.Profile(new Dictionary<string, string[]>
        {
            ["normal"] = ContractColumns.Text(ContractColumns.Normal(20_000, seed: 1)),
            ["skewed"] = ContractColumns.Text([.. ContractColumns.Normal(20_000, seed: 2).Select(Math.Exp)]),
        });
        var cases = new (ColumnProfile Column, double[] Window)[]
        {
            (training["normal"], ContractColumns.Normal(3_000, seed: 3)),
            (training["normal"], ContractColumns.Normal(3_000, seed: 4, mean: 0.5)),
            (training["normal"], ContractColumns.Normal(800, seed: 5, mean: 6, deviation: 0.5)),
            (training["normal"], ContractColumns.Normal(1_500, seed: 6, deviation: 2)),
            (training["skewed"], [.. ContractColumns.Normal(3_000, seed: 7).Select(Math.Exp)]),
            (training["skewed"], [.. ContractColumns.Normal(3_000, seed: 8, mean: 0.3).Select(Math.Exp)]),
        };

        var reference = ReferenceScript.Run("drift_reference.py", new
        {
            numeric = cases.Select(c => new
            {
                bins = c.Column.Histogram.Select(b => new object[] { b.Lower, b.Upper, b.Count }),
                quantiles = c.Column.Numeric!.Quantiles.Select(q => new[] { q.Probability, q.Value }),
                std = c.Column.Numeric.StdDev,
                values = c.Window,
            }),
        }).GetProperty("numeric");

        for (var i = 0; i < cases.Length; i++)
        {
            var drift = Detector.Compare("x", NumericReference.From(cases[i].Column), cases[i].Window);
            var expected = reference[i];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"case {i}: {string.Join(", ", drift.Statistics.Select(s => $"{s.Statistic} {s.Value:G6}{(s.PValue is { } p ? $" (p {p:G3})" : "")}"))}; scipy {expected}"));
            AssertClose(expected, "psi", drift.Statistic(DriftStatistics.Psi)!.Value, StatisticTolerance);
            AssertClose(expected, "jensenShannon", drift.Statistic(DriftStatistics.JensenShannon)!.Value, StatisticTolerance);
            AssertClose(expected, "wasserstein", drift.Statistic(DriftStatistics.Wasserstein)!.Value, StatisticTolerance);
            AssertClose(expected, "ks", drift.Statistic(DriftStatistics.KolmogorovSmirnov)!.Value, StatisticTolerance);
            AssertClose(expected, "ksPValue", drift.Statistic(DriftStatistics.KolmogorovSmirnov)!.PValue!.Value, PValueTolerance);

            // The script's own check: scipy's wasserstein_distance on a fine grid of the reference's quantiles.
            AssertClose(expected, "wassersteinScipyGrid", drift.Statistic(DriftStatistics.Wasserstein)!.Value, 1e-4);
        }
    }

    [Fact]
    public void CategoricalStatistics_AgreeWithScipy()
    {
        var cases = new (long[] Reference, long[] Current)[]
        {
            ([500, 300, 150, 50], [480, 310, 160, 50]), // stationary
            ([500, 300, 150, 50], [300, 300, 300, 100]), // shares moved
            ([600, 390, 9, 1, 0], [550, 420, 2, 3, 25]), // sparse tail and a new value in an empty "other", pooled
            ([900, 97, 2, 1], [880, 115, 4, 1]), // pool still sparse: it joins the smallest cell
            ([10_000, 1], [1_000, 40]), // one cell left after merging: no test
        };

        var reference = ReferenceScript.Run("drift_reference.py", new
        {
            categorical = cases.Select(c => new { reference = c.Reference, current = c.Current }),
        }).GetProperty("categorical");

        for (var i = 0; i < cases.Length; i++)
        {
            var expected = reference[i];
            var chi = ChiSquareTest.Compute(cases[i].Reference, cases[i].Current);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"case {i}: chi-square {chi}; scipy {expected}"));
            AssertClose(expected, "psi", PopulationStabilityIndex.Compute(cases[i].Reference, cases[i].Current), StatisticTolerance);
            AssertClose(expected, "jensenShannon", JensenShannonDistance.Compute(cases[i].Reference, cases[i].Current), StatisticTolerance);
            Assert.Equal(expected.GetProperty("cells").GetInt32(), chi.Cells);
            if (expected.TryGetProperty("chiSquare", out _))
            {
                AssertClose(expected, "chiSquare", chi.Statistic, StatisticTolerance);
                Assert.Equal(expected.GetProperty("df").GetInt32(), chi.DegreesOfFreedom);
                AssertClose(expected, "pValue", chi.PValue!.Value, PValueTolerance);
            }
            else
            {
                Assert.Equal(0, chi.DegreesOfFreedom);
                Assert.Null(chi.PValue);
            }
        }
    }

    [Fact]
    public void ACategoricalWindow_IsComparedOverTheContractsTopValuesAndOther()
    {
        var categories = new[] { "red", "green", "blue", "teal" };
        var column = new ColumnProfile("colour", InferredType.Categorical, 1_000, 20, 4, true)
        {
            TopCategories = [new CategoryCount("red", 500), new CategoryCount("green", 300), new CategoryCount("blue", 150)],
        };
        var window = ContractColumns.Categories(2_000, seed: 9, categories, [0.45, 0.3, 0.15, 0.1]);

        var drift = Detector.Compare("colour", CategoricalReference.From(column), window);
        var counts = new long[] { window.Count(v => v == "red"), window.Count(v => v == "green"), window.Count(v => v == "blue"), window.Count(v => v == "teal") };
        var expected = ReferenceScript.Run("drift_reference.py", new { categorical = new[] { new { reference = new long[] { 500, 300, 150, 30 }, current = counts } } })
            .GetProperty("categorical")[0];

        AssertClose(expected, "psi", drift.Statistic(DriftStatistics.Psi)!.Value, StatisticTolerance);
        AssertClose(expected, "jensenShannon", drift.Statistic(DriftStatistics.JensenShannon)!.Value, StatisticTolerance);
        AssertClose(expected, "chiSquare", drift.Statistic(DriftStatistics.ChiSquare)!.Value, StatisticTolerance);
        AssertClose(expected, "pValue", drift.Statistic(DriftStatistics.ChiSquare)!.PValue!.Value, PValueTolerance);
        Assert.Equal(3, drift.Statistic(DriftStatistics.ChiSquare)!.DegreesOfFreedom);
    }

    [Fact]
    public void WindowMetricIntervals_AgreeWithScipy()
    {
        var accuracy = new (long Correct, long Total, double Confidence)[] { (900, 1_000, 0.95), (0, 50, 0.95), (50, 50, 0.9), (431, 500, 0.99) };
        var errors = new[] { ContractColumns.Normal(1_000, seed: 10, deviation: 2), ContractColumns.Normal(40, seed: 11, mean: 1) };
        var reference = ReferenceScript.Run("drift_reference.py", new
        {
            accuracy = accuracy.Select(a => new { correct = a.Correct, total = a.Total, confidence = a.Confidence }),
            rmse = errors.Select(e => new { errors = e, confidence = 0.95 }),
        });

        for (var i = 0; i < accuracy.Length; i++)
        {
            var interval = WindowMetrics.Accuracy(accuracy[i].Correct, accuracy[i].Total, accuracy[i].Confidence);
            AssertInterval(reference.GetProperty("accuracy")[i], interval);
        }

        for (var i = 0; i < errors.Length; i++)
        {
            AssertInterval(reference.GetProperty("rmse")[i], WindowMetrics.Rmse(errors[i], 0.95));
        }
    }

    [Fact]
    public void KolmogorovsDistribution_AgreesWithScipysKstwobign()
    {
        double[] lambdas = [0.2, 0.5, 0.8, 0.99, 1.0, 1.2, 1.36, 2, 3];
        var reference = ReferenceScript.Run("drift_reference.py", new { kolmogorov = lambdas }).GetProperty("kolmogorov");
        for (var i = 0; i < lambdas.Length; i++)
        {
            Assert.Equal(reference[i].GetDouble(), KolmogorovDistribution.Survival(lambdas[i]), 1e-9);
        }
    }

    private static void AssertInterval(JsonElement expected, MetricInterval interval)
    {
        AssertClose(expected, "value", interval.Value, StatisticTolerance);
        AssertClose(expected, "lower", interval.Lower, StatisticTolerance);
        AssertClose(expected, "upper", interval.Upper, StatisticTolerance);
    }

    private static void AssertClose(JsonElement expected, string name, double actual, double tolerance)
    {
        var value = expected.GetProperty(name).GetDouble();
        Assert.True(Math.Abs(value - actual) <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{name}: scipy {value:R}, ours {actual:R}"));
    }
}
