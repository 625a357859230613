using System.Diagnostics;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Training;
using Mlops.Testing;
using Xunit.Abstractions;

namespace Mlops.Core.Tests.Training;

public class ModelTrainerTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double> QualityBars => new()
    {
        { SampleDatasets.BreastCancer, MetricNames.Accuracy, 0.93 },
        { SampleDatasets.BreastCancer, MetricNames.Auc, 0.97 },
        { SampleDatasets.Wine, MetricNames.Accuracy, 0.85 },
        { SampleDatasets.Iris, MetricNames.Accuracy, 0.85 },
        { SampleDatasets.Digits, MetricNames.MacroF1, 0.85 },
        { SampleDatasets.Diabetes, MetricNames.R2, 0.3 },
    };

    [Theory]
    [MemberData(nameof(QualityBars))]
    public void Train_SampleDataset_ClearsQualityBarOnHoldout(string sample, string metric, double bar)
    {
        var trained = TrainedSamples.Get(sample);

        output.WriteLine($"{sample}: {string.Join(", ", trained.Model.Metrics.Select(m => $"{m.Key}={m.Value:F4}"))}");
        Assert.True(trained.Model.Metrics[metric] > bar, $"{sample} {metric} {trained.Model.Metrics[metric]} <= {bar}");
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer, new[] { "accuracy", "precision", "recall", "f1", "auc", "averagePrecision", "logLoss" })]
    [InlineData(SampleDatasets.Iris, new[] { "accuracy", "macroAccuracy", "macroF1", "logLoss" })]
    [InlineData(SampleDatasets.Diabetes, new[] { "rmse", "mae", "r2" })]
    public void Train_EachTask_ReportsItsMetricKeys(string sample, string[] keys)
    {
        var metrics = TrainedSamples.Get(sample).Model.Metrics;

        Assert.Equal(keys.Order(), metrics.Keys.Order());
    }

    [Fact]
    public void Train_SameSeedTwice_GivesIdenticalMetricsAndModelBytes()
    {
        var data = SampleDatasets.Load(SampleDatasets.Wine);
        var schema = TestSchemas.ForSample(SampleDatasets.Wine);

        var first = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema));
        var second = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema));

        Assert.Equal(first.Metrics.Keys, second.Metrics.Keys);
        foreach (var (key, value) in first.Metrics)
        {
            Assert.Equal(value, second.Metrics[key], 1e-9);
        }

        Assert.Equal(first.ModelZip.ToArray(), second.ModelZip.ToArray());
    }

    [Fact]
    public void Train_RecordsTrainerParametersAndRowCounts()
    {
        var trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
        var (training, holdout) = HoldoutSplit.Split(trained.Data.Typed(trained.Schema), 0.2, 42);

        Assert.Equal("FastTreeBinary", trained.Model.Trainer);
        Assert.Equal("100", trained.Model.Parameters["numberOfTrees"]);
        Assert.Equal("42", trained.Model.Parameters["seed"]);
        Assert.Equal("0.2", trained.Model.Parameters["holdoutFraction"]);
        Assert.Equal(training.Length, trained.Model.TrainingRows);
        Assert.Equal(holdout.Length, trained.Model.HoldoutRows);
        Assert.Equal(trained.Data.Rows.Count, trained.Model.TrainingRows + trained.Model.HoldoutRows);
    }

    [Fact]
    public void Train_CategoricalFeatureAndMissingNumbers_LearnsTheKnownStructure()
    {
        var data = SyntheticData.ColorXor(1000, seed: 7);

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(SyntheticData.ColorXorSchema(data)));

        output.WriteLine(string.Join(", ", trained.Metrics.Select(m => $"{m.Key}={m.Value:F4}")));
        Assert.True(trained.Metrics[MetricNames.Accuracy] > 0.88, $"accuracy {trained.Metrics[MetricNames.Accuracy]}");
    }

    [Fact]
    public void Train_OnlyCategoricalFeatures_Trains()
    {
        var data = SyntheticData.ColorXor(300, seed: 3);
        var schema = new DatasetSchema([new ColumnSchema("color", ColumnKind.Categorical)], "label", MlTask.MulticlassClassification, ["no", "yes"]);

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema));

        Assert.InRange(trained.Metrics[MetricNames.Accuracy], 0.3, 0.8);
    }

    [Fact]
    public void Train_NumericColumnWithNoValues_Trains()
    {
        var data = SyntheticData.ColorXor(300, seed: 5);
        var empty = new CsvDataset(data.Columns, data.Rows.Select(r => (string[])[r[0], r[1], "NA", r[3]]).ToArray());

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(empty.Typed(SyntheticData.ColorXorSchema(empty)));

        // The gate quarantines a column without values, so this is only about training coping with one: it trains and
        // learns the structure beyond the majority class. (Accuracy with such a column varies from 0.68 to 0.97 over
        // seeds and splits of this data, against 0.91 to 0.98 without it: an all-missing slot costs the trees.)
        Assert.True(trained.Metrics[MetricNames.Accuracy] > 0.65, $"accuracy {trained.Metrics[MetricNames.Accuracy]}");
    }

    [Fact]
    public void Train_LabelOutsideClassLabels_ThrowsNamingTheValue()
    {
        var data = SampleDatasets.Load(SampleDatasets.Iris);
        var schema = TestSchemas.ForSample(SampleDatasets.Iris) with { ClassLabels = ["setosa", "versicolor"] };

        var error = Assert.Throws<MlopsException>(() => new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema)));

        Assert.Contains("'virginica'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_CancelledToken_Throws()
    {
        var data = SampleDatasets.Load(SampleDatasets.Iris);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(TestSchemas.ForSample(SampleDatasets.Iris)), cancelled.Token));
    }

    [Theory]
    [InlineData(SampleDatasets.Digits)]
    [InlineData(SampleDatasets.BreastCancer)]
    public void Train_SampleDataset_StaysWithinTimeBudget(string sample)
    {
        var data = SampleDatasets.Load(sample);
        var schema = TestSchemas.ForSample(sample);
        var clock = Stopwatch.StartNew();

        new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema));

        output.WriteLine($"{sample}: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }
}
