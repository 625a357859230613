using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Testing;

namespace Mlops.Core.Tests.Evaluation;

/// <summary>The paired bootstrap on real models scored on rows none of them trained on.</summary>
public class PairedBootstrapTests
{
    [Fact]
    public void AClearlyBetterModel_HasAnIntervalThatExcludesZero()
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.BreastCancer);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var weakSchema = schema with { Features = [.. schema.Features.Where(f => f.Name is "mean_fractal_dimension" or "smoothness_error")] };
        var weak = EvaluationSamples.Score(EvaluationSamples.Train(training, weakSchema), weakSchema, holdout);
        var strong = EvaluationSamples.Score(EvaluationSamples.Train(training, schema), schema, holdout);

        var auc = new PairedBootstrap(weak, strong, new BootstrapSettings()).Compare(MetricNames.Auc);

        Assert.True(auc.Excludes0 && auc.Lower > 0, $"{auc}");
        Assert.InRange(auc.Estimate, auc.Lower, auc.Upper);
        Assert.Equal(1000, auc.Resamples);
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer, MetricNames.Auc)]
    [InlineData(SampleDatasets.Diabetes, MetricNames.Rmse)]
    public void TwoSeedsOnTheSameData_HaveAnIntervalThatIncludesZero(string sample, string metric)
    {
        var (training, test, schema) = EvaluationSamples.Split(sample);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var first = EvaluationSamples.Score(EvaluationSamples.Train(training, schema, seed: 1), schema, holdout);
        var second = EvaluationSamples.Score(EvaluationSamples.Train(training, schema, seed: 2), schema, holdout);

        var difference = new PairedBootstrap(first, second, new BootstrapSettings()).Compare(metric);

        Assert.NotEqual(0, difference.Upper - difference.Lower);
        Assert.False(difference.Excludes0, $"{difference}");
    }

    [Fact]
    public void TheSameSeed_GivesTheSameInterval_AndAnotherSeedADifferentOne()
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.Iris);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var a = EvaluationSamples.Score(EvaluationSamples.Train(training, schema, seed: 1), schema, holdout);
        var b = EvaluationSamples.Score(EvaluationSamples.Train(training, schema, seed: 5), schema, holdout);

        var once = new PairedBootstrap(a, b, new BootstrapSettings(Seed: 3)).Compare(MetricNames.LogLoss);
        var again = new PairedBootstrap(a, b, new BootstrapSettings(Seed: 3)).Compare(MetricNames.LogLoss);
        var other = new PairedBootstrap(a, b, new BootstrapSettings(Seed: 4)).Compare(MetricNames.LogLoss);

        Assert.Equal(once, again);
        Assert.NotEqual(once.Lower, other.Lower);
    }

    [Fact]
    public void ALargeHoldout_IsResampledInTheMemoryOfOneResample_NotOfAll()
    {
        // 50,000 regression rows: holding 1,000 resamples of them would take 400 MB.
        const int rows = 50_000;
        var random = new Random(3);
        var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 100).ToArray();
        var first = new HoldoutScores(MlTask.Regression, [], labels, [.. labels.Select(l => l + random.NextDouble())], null);
        var second = new HoldoutScores(MlTask.Regression, [], labels, [.. labels.Select(l => l + (2 * random.NextDouble()))], null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rmse = new PairedBootstrap(first, second, new BootstrapSettings()).Compare(MetricNames.Rmse);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(rmse.Lower > 0, $"{rmse}");
        Assert.True(allocated < 40L * rows * sizeof(double), $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void ClassificationResamples_KeepEachClassCount()
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.Wine);
        var scores = EvaluationSamples.Score(EvaluationSamples.Train(training, schema), schema, EvaluationSamples.Holdout(test, schema, training));

        foreach (var counts in BootstrapResamples.Each(scores, 50, 9))
        {
            for (var k = 0; k < scores.Classes.Count; k++)
            {
                var drawn = Enumerable.Range(0, scores.Count).Where(i => scores.Labels[i] == k).Sum(i => counts[i]);
                Assert.Equal(scores.Labels.Count(l => l == k), drawn);
            }
        }
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer, MetricNames.Auc)]
    [InlineData(SampleDatasets.BreastCancer, MetricNames.LogLoss)]
    [InlineData(SampleDatasets.BreastCancer, MetricNames.AveragePrecision)]
    [InlineData(SampleDatasets.BreastCancer, MetricNames.F1)]
    [InlineData(SampleDatasets.Iris, MetricNames.MacroF1)]
    [InlineData(SampleDatasets.Wine, MetricNames.LogLoss)]
    [InlineData(SampleDatasets.Diabetes, MetricNames.Rmse)]
    [InlineData(SampleDatasets.Diabetes, MetricNames.R2)]
    public void Interval_AgreesWithTheNumpyReferenceOnTheSameResamples(string sample, string metric)
    {
        var (training, test, schema) = EvaluationSamples.Split(sample);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var a = EvaluationSamples.Score(EvaluationSamples.Train(training, schema, seed: 1), schema, holdout);
        var b = EvaluationSamples.Score(EvaluationSamples.Train(training, schema with { Features = schema.Features.Skip(1).ToArray() }, seed: 2), schema with { Features = schema.Features.Skip(1).ToArray() }, holdout);
        var settings = new BootstrapSettings(Resamples: 400, Confidence: 0.9, Seed: 11);

        var ours = new PairedBootstrap(a, b, settings).Compare(metric);
        var reference = Reference(a, b, metric, settings);

        Assert.Equal(reference.GetProperty("a").GetDouble(), ours.A, 9);
        Assert.Equal(reference.GetProperty("b").GetDouble(), ours.B, 9);
        Assert.Equal(reference.GetProperty("resamples").GetInt32(), ours.Resamples);
        Assert.Equal(reference.GetProperty("lower").GetDouble(), ours.Lower, 9);
        Assert.Equal(reference.GetProperty("upper").GetDouble(), ours.Upper, 9);
    }

    private static JsonElement Reference(HoldoutScores a, HoldoutScores b, string metric, BootstrapSettings settings)
    {
        var task = a.Task switch
        {
            MlTask.BinaryClassification => "binary",
            MlTask.MulticlassClassification => "multiclass",
            _ => "regression",
        };
        return ReferenceScript.Run("bootstrap_reference.py", new
        {
            task,
            metric,
            seed = settings.Seed,
            resamples = settings.Resamples,
            confidence = settings.Confidence,
            classes = a.Classes.Count,
            labels = a.Labels,
            a = Side(a),
            b = Side(b),
        });
    }

    private static object Side(HoldoutScores scores) => new
    {
        predicted = scores.Predicted,
        probabilities = scores.Probabilities,
        ranking = scores.Ranking,
    };
}
