using Mlops.Core.Evaluation;
using Mlops.Core.Tests.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Evaluation;

public class SampleMetricsTests
{
    private readonly ModelEvaluator evaluator = new(TestSchemas.DefaultOptions);

    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Iris)]
    [InlineData(SampleDatasets.Wine)]
    [InlineData(SampleDatasets.Diabetes)]
    public void EveryRowOnce_EqualsMlNetsOwnEvaluator(string sample)
    {
        var trained = TrainedSamples.Get(sample);
        var holdout = evaluator.Holdout(trained.Data.Typed(trained.Schema));

        var scores = evaluator.Score(trained.Model.ModelZip, trained.Schema, holdout).Scores!;
        var metrics = new SampleMetrics(scores);

        Assert.Equal(trained.Model.HoldoutRows, scores.Count);
        foreach (var (name, value) in trained.Model.Metrics)
        {
            Assert.True(Math.Abs(value - metrics.Compute(name)) < 1e-5, $"{name}: ML.NET {value}, ours {metrics.Compute(name)}");
        }
    }

    [Fact]
    public void RowCounts_WeighRowsAsIfTheyWereRepeated()
    {
        var trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
        var holdout = evaluator.Holdout(trained.Data.Typed(trained.Schema));
        var scores = evaluator.Score(trained.Model.ModelZip, trained.Schema, holdout).Scores!;
        var weights = Enumerable.Range(0, scores.Count).Select(i => (double)(i % 3)).ToArray();
        var repeated = Enumerable.Range(0, scores.Count).SelectMany(i => Enumerable.Repeat(i, i % 3)).ToArray();
        var expanded = scores with
        {
            Labels = [.. repeated.Select(i => scores.Labels[i])],
            Predicted = [.. repeated.Select(i => scores.Predicted[i])],
            Probabilities = [.. repeated.Select(i => scores.Probabilities![i])],
            Ranking = [.. repeated.Select(i => scores.Ranking![i])],
        };

        foreach (var metric in PrimaryMetric.Reported(scores.Task))
        {
            Assert.Equal(new SampleMetrics(expanded).Compute(metric), new SampleMetrics(scores).Compute(metric, weights), 1e-12);
        }
    }

    [Fact]
    public void Baseline_ForAClassifier_HasAucOneHalfAndTheMajorityShareAsAccuracy()
    {
        var trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
        var holdout = evaluator.Holdout(trained.Data.Typed(trained.Schema));
        var scores = evaluator.Score(trained.Model.ModelZip, trained.Schema, holdout).Scores!;

        var baseline = new SampleMetrics(TrivialBaseline.For(scores, holdout.TrainingLabels));

        var majority = holdout.TrainingLabels.GroupBy(l => l).OrderByDescending(g => g.Count()).First().Key;
        Assert.Equal(0.5, baseline.Compute(MetricNames.Auc), 12);
        Assert.Equal(scores.Labels.Count(l => l == majority) / (double)scores.Count, baseline.Compute(MetricNames.Accuracy), 12);
    }

    [Fact]
    public void Baseline_ForRegression_PredictsTheTrainingMean()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Diabetes);
        var holdout = evaluator.Holdout(trained.Data.Typed(trained.Schema));
        var scores = evaluator.Score(trained.Model.ModelZip, trained.Schema, holdout).Scores!;

        var baseline = TrivialBaseline.For(scores, holdout.TrainingLabels);

        Assert.All(baseline.Predicted, p => Assert.Equal(holdout.TrainingLabels.Average(), p, 9));
        Assert.True(new SampleMetrics(baseline).Compute(MetricNames.R2) <= 0.01);
    }
}
