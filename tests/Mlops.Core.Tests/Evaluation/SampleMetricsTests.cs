using Mlops.Core.Datasets;
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
    public void AModelWhosePositiveClassIsTheDatasOther_IsRankedForTheDatasPositiveClass()
    {
        // A champion trained before the spec named the other class positive: its score ranks its own positive class,
        // so against the new truth it ranks in reverse, and AUC must not read it as 1 - AUC.
        var trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
        var holdout = evaluator.Holdout(trained.Data.Typed(trained.Schema));
        var otherWay = trained.Schema with { ClassLabels = [.. trained.Schema.ClassLabels.Reverse()] };
        var flipped = new HoldoutSet(trained.Data.Typed(otherWay), holdout.Rows, holdout.TrainingLabels);

        var own = new SampleMetrics(evaluator.Score(trained.Model.ModelZip, trained.Schema, holdout).Scores!);
        var other = new SampleMetrics(evaluator.Score(trained.Model.ModelZip, trained.Schema, flipped).Scores!);

        Assert.Equal(own.Compute(MetricNames.Auc), other.Compute(MetricNames.Auc), 12);
        Assert.Equal(own.Compute(MetricNames.Accuracy), other.Compute(MetricNames.Accuracy), 12);
        Assert.Equal(own.Compute(MetricNames.LogLoss), other.Compute(MetricNames.LogLoss), 12);
    }

    [Fact]
    public void AveragePrecision_TakesTiedScoresTogether_AsScikitLearnDoes()
    {
        // Down the ranking: 0.9 finds a third of the positives at precision 1, the tie at 0.8 one more at 2/3, 0.3 the
        // last at 3/4: 1/3 + 2/9 + 1/4 = 29/36, what sklearn.metrics.average_precision_score answers.
        var scores = Binary([1, 0, 1, 1, 0], [0.9, 0.8, 0.8, 0.3, 0.1]);

        Assert.Equal(29 / 36.0, new SampleMetrics(scores).Compute(MetricNames.AveragePrecision), 12);
        Assert.Equal(0.6, new SampleMetrics(Binary([1, 0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5, 0.5])).Compute(MetricNames.AveragePrecision), 12);
        Assert.True(double.IsNaN(new SampleMetrics(Binary([0, 0], [0.2, 0.1])).Compute(MetricNames.AveragePrecision)));
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

    private static HoldoutScores Binary(double[] labels, double[] ranking) =>
        new(MlTask.BinaryClassification, ["0", "1"], labels, [.. ranking.Select(r => r >= 0.5 ? 1.0 : 0.0)], [.. ranking.Select(r => new[] { 1 - r, r })]) { Ranking = ranking };
}
