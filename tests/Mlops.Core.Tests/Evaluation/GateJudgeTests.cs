using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Testing;

namespace Mlops.Core.Tests.Evaluation;

/// <summary>Gates judged on real models: the baseline stands in for a first model's champion.</summary>
public class GateJudgeTests
{
    [Fact]
    public void AModelOfARandomLabel_DoesNotBeatTheBaseline()
    {
        // The label is a coin with the sample's class shares, drawn for every row, held-out rows included.
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.BreastCancer);
        var random = new Random(17);
        var (noise, noiseTest) = (Randomize(training, schema, random), Randomize(test, schema, random));
        var holdout = EvaluationSamples.Holdout(noiseTest, schema, noise);
        var challenger = EvaluationSamples.Score(EvaluationSamples.Train(noise, schema), schema, holdout);

        var verdict = Judge(challenger, holdout, EvaluationGates.Default);

        Assert.False(verdict.Promote, verdict.Reason);
        var improvement = Assert.Single(verdict.Gates);
        Assert.Equal(GateKinds.Improvement, improvement.Gate);
        Assert.True(improvement.Lower <= 0, $"{improvement}");
        Assert.Equal("the majority class", improvement.Against);
        Assert.StartsWith("Registered but not promoted:", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ARealModel_BeatsTheBaseline_AndPassesItsThresholds()
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.BreastCancer);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var challenger = EvaluationSamples.Score(EvaluationSamples.Train(training, schema), schema, holdout);
        var gates = EvaluationGates.Default with
        {
            Thresholds = new Dictionary<string, MetricBounds> { [MetricNames.Auc] = new(0.9, null), [MetricNames.Accuracy] = new(0.9, null) },
        };

        var verdict = Judge(challenger, holdout, gates);

        Assert.True(verdict.Promote, verdict.Reason);
        Assert.Equal(3, verdict.Gates.Count);
        Assert.All(verdict.Gates, g => Assert.True(g.Passed && g.Margin > 0, $"{g}"));
        Assert.True(verdict.Comparison.Lower > 0.3, $"{verdict.Comparison}");
    }

    [Fact]
    public void AThresholdTheModelMisses_FailsAndSaysByHowMuch()
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.Iris);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var challenger = EvaluationSamples.Score(EvaluationSamples.Train(training, schema), schema, holdout);
        var gates = EvaluationGates.Default with { Thresholds = new Dictionary<string, MetricBounds> { [MetricNames.Accuracy] = new(1.01, null) } };

        var verdict = Judge(challenger, holdout, gates);

        Assert.False(verdict.Promote);
        var failed = Assert.Single(verdict.Gates, g => !g.Passed);
        Assert.Equal(GateKinds.Min, failed.Gate);
        Assert.True(failed.Margin < 0);
        Assert.Contains("misses the gate of at least 1.01", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AGateOnAMetricTheTaskDoesNotReport_Fails()
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.Diabetes);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var challenger = EvaluationSamples.Score(EvaluationSamples.Train(training, schema), schema, holdout);
        var gates = EvaluationGates.Default with { Thresholds = new Dictionary<string, MetricBounds> { [MetricNames.Auc] = new(0.8, null) } };

        var verdict = Judge(challenger, holdout, gates);

        Assert.False(verdict.Promote);
        Assert.Contains("regression models report rmse, mae, r2", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, false, true)]
    [InlineData(50.0, false, false)]
    [InlineData(0.01, true, true)]
    [InlineData(0.9, true, false)]
    public void TheMinimumImprovement_OverAChampion_IsJudgedOnTheIntervalsLowerEnd(double minimum, bool relative, bool promoted)
    {
        var (training, test, schema) = EvaluationSamples.Split(SampleDatasets.Diabetes);
        var holdout = EvaluationSamples.Holdout(test, schema, training);
        var weakSchema = schema with { Features = [.. schema.Features.Where(f => f.Name is "age" or "sex")] };
        var champion = EvaluationSamples.Score(EvaluationSamples.Train(training, weakSchema), weakSchema, holdout);
        var challenger = EvaluationSamples.Score(EvaluationSamples.Train(training, schema), schema, holdout);
        var gates = EvaluationGates.Default with { MinImprovement = minimum, Relative = relative };

        var verdict = GateJudge.Judge(MetricNames.Rmse, gates, challenger, new GateReference("champion v1", champion, true), 42);

        var improvement = Assert.Single(verdict.Gates);
        Assert.Equal(promoted, verdict.Promote);
        Assert.True(improvement.Observed > 0, "RMSE falls, so the improvement is positive.");
        Assert.Equal(minimum, improvement.Threshold);
        Assert.Equal(promoted, improvement.Lower > minimum);
    }

    private static CsvDataset Randomize(CsvDataset data, DatasetSchema schema, Random random)
    {
        var label = data.IndexOf(schema.Label);
        return new CsvDataset(data.Columns, [.. data.Rows.Select(r => (string[])[.. r[..label], random.NextDouble() < 0.37 ? schema.ClassLabels[1] : schema.ClassLabels[0], .. r[(label + 1)..]])]);
    }

    private static GateVerdict Judge(HoldoutScores challenger, HoldoutSet holdout, EvaluationGates gates)
    {
        var baseline = TrivialBaseline.For(challenger, holdout.TrainingLabels);
        var metric = PrimaryMetric.For(challenger.Task);
        return GateJudge.Judge(metric, gates, challenger, new GateReference(TrivialBaseline.Describe(challenger.Task), baseline, false), 42);
    }
}
