using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training.Trainers;

public class TrainerCatalogTests
{
    public static TheoryData<string> AllTrainers => [.. Enum.GetValues<MlTask>().SelectMany(TrainerCatalog.For).Select(t => t.Name)];

    [Theory]
    [InlineData(MlTask.BinaryClassification, new[] { "LightGbmBinary", "LbfgsLogisticRegression", "FastTreeBinary", "FastForestBinary" })]
    [InlineData(MlTask.MulticlassClassification, new[] { "LightGbmMulticlass", "LbfgsMaximumEntropy", "OneVersusAllFastTree" })]
    [InlineData(MlTask.Regression, new[] { "LightGbmRegression", "SdcaRegression", "FastTreeRegression", "FastForestRegression", "FastTreeTweedieRegression" })]
    public void For_EachTask_OffersItsTrainers(MlTask task, string[] trainers) =>
        Assert.Equal(trainers, TrainerCatalog.For(task).Select(t => t.Name));

    [Theory]
    [MemberData(nameof(AllTrainers))]
    public void EveryTrainer_SearchesEachOfItsParameters_AndItsDefaultsAreInRange(string name)
    {
        var trainer = Enum.GetValues<MlTask>().SelectMany(TrainerCatalog.For).Single(t => t.Name == name);

        Assert.Equal(trainer.Defaults.Keys.Order(), trainer.Space.Select(p => p.Name).Order());
        Assert.All(trainer.Space, p => Assert.True(p.Min < p.Max, p.Name));
        Assert.All(trainer.Space, p => Assert.True(p.Contains(trainer.Defaults[p.Name]), $"{p.Name} default {trainer.Defaults[p.Name]} outside [{p.Min}, {p.Max}]"));
    }

    [Theory]
    [MemberData(nameof(AllTrainers))]
    public void EveryTrainer_FitsAndScoresOnItsDefaults(string name)
    {
        var task = Enum.GetValues<MlTask>().Single(t => TrainerCatalog.For(t).Any(d => d.Name == name));
        var sample = SampleFor(task);
        var settings = new TrialSettings(42, 0.2, 3, 1, Mlops.Core.Evaluation.PrimaryMetric.For(task), false, 100);
        var trainer = TrainerCatalog.Find(task, name);

        var result = new TrialRunner(TimeProvider.System).Run(
            SampleDatasets.Load(sample).Typed(TestSchemas.ForSample(sample)), settings, new TrialRequest(0, 0, new TrialConfiguration(name, trainer.Defaults), 1, null));

        Assert.Equal(TrialStatus.Completed, result.Status);
        Assert.True(double.IsFinite(result.Metrics[settings.Metric]));
    }

    [Theory]
    [InlineData("LbfgsLogisticRegression")]
    [InlineData("LbfgsMaximumEntropy")]
    [InlineData("SdcaRegression")]
    public void IterativeTrainers_PassOverTheCachedFeatures_NotOverTheRowsAgain(string name)
    {
        var task = Enum.GetValues<MlTask>().Single(t => TrainerCatalog.For(t).Any(d => d.Name == name));
        var sample = SampleFor(task);
        var schema = TestSchemas.ForSample(sample);
        var rows = new CountingList<FeatureRow>(TableFeatureRows.All(SampleDatasets.Load(sample).Typed(schema)));
        var trainer = TrainerCatalog.Find(task, name);
        var settings = new TrialSettings(42, 0.2, 3, 1, Mlops.Core.Evaluation.PrimaryMetric.For(task), false, 100);

        ModelFit.Fit(new Microsoft.ML.MLContext(42), FeatureLayout.For(schema), trainer, trainer.Resolve(trainer.Defaults), rows, settings);

        // Fitting the imputer and the scaler reads the rows, and filling the cache once more; an optimizer that
        // re-read them through the featurization on every pass reads them tens of times.
        Assert.InRange(rows.Enumerations, 1, 4);
    }

    [Fact]
    public void TweedieTrees_FitWithTheSearchedVariancePower()
    {
        var data = SampleDatasets.Load(SampleDatasets.Diabetes).Typed(TestSchemas.ForSample(SampleDatasets.Diabetes));
        var settings = new TrialSettings(42, 0.2, 5, 5, Mlops.Core.Evaluation.MetricNames.Rmse, false, 100);
        var trainer = new ModelTrainer(TestSchemas.DefaultOptions);

        double Rmse(double power) => trainer.Train(
            data,
            new TrialConfiguration("FastTreeTweedieRegression", new Dictionary<string, double> { [SearchSpaces.TweediePower] = power, [SearchSpaces.Trees] = 50 }),
            settings).Metrics[Mlops.Core.Evaluation.MetricNames.Rmse];

        // The same trees under another variance power fit other leaf values: the parameter reaches the trainer.
        Assert.NotEqual(Rmse(1.1), Rmse(1.9), 3);
    }

    [Theory]
    [InlineData("LbfgsLogisticRegression")]
    [InlineData("LbfgsMaximumEntropy")]
    [InlineData("SdcaRegression")]
    public void LinearTrainers_LearnTheSameModel_FromFeaturesFarFromZero_AsFromTheSameFeaturesCentred(string name)
    {
        var task = Enum.GetValues<MlTask>().Single(t => TrainerCatalog.For(t).Any(d => d.Name == name));
        var settings = new TrialSettings(42, 0.2, 2, 1, Mlops.Core.Evaluation.PrimaryMetric.For(task), false, 100);
        var trainer = TrainerCatalog.Find(task, name);
        var centred = SyntheticData.YearAndPressure(task, 600, 7, shifted: false);
        var shifted = SyntheticData.YearAndPressure(task, 600, 7, shifted: true);

        // Every row, in file order: a split or folds are drawn from the rows' content, which the shift changes.
        ModelPredictor Fit(CsvDataset data)
        {
            var schema = TestSchemas.Infer(data, task);
            var ml = new Microsoft.ML.MLContext(42);
            var layout = FeatureLayout.For(schema);
            var model = ModelFit.Fit(ml, layout, trainer, trainer.Resolve(trainer.Defaults), TableFeatureRows.All(data.Typed(schema)), settings);
            return ModelPredictor.Load(ModelZip.Save(ml, model, ModelFit.InputSchema(ml, layout)), schema);
        }

        using var fromCentred = Fit(centred);
        using var fromShifted = Fit(shifted);

        // A linear model with an intercept is the same model on features shifted by a constant, so row for row the two
        // answer alike. Scaling that keeps zero where it is (ML.NET's default) squeezed the years into [0.97, 1] and the
        // pressures into [0.98, 1]: the penalty flattened their weights, and default logistic regression on such data
        // scored AUC 0.72 where scaling from each feature's minimum scores 0.89.
        for (var row = 0; row < 100; row++)
        {
            var a = fromCentred.Predict(Features(centred, row));
            var b = fromShifted.Predict(Features(shifted, row));
            if (task != MlTask.Regression)
            {
                Assert.Equal(a.Label, b.Label);
            }

            Assert.Equal(a.Score ?? 0, b.Score ?? 0, Math.Max(1e-3, Math.Abs(a.Score ?? 0) * 1e-3));
            foreach (var (label, probability) in a.Probabilities ?? new Dictionary<string, double>())
            {
                Assert.Equal(probability, b.Probabilities![label], 1e-3);
            }
        }

        static Dictionary<string, JsonElement> Features(CsvDataset data, int row) => new(StringComparer.Ordinal)
        {
            ["year"] = JsonSerializer.SerializeToElement(double.Parse(data.Rows[row][0], CultureInfo.InvariantCulture)),
            ["pressure"] = JsonSerializer.SerializeToElement(double.Parse(data.Rows[row][1], CultureInfo.InvariantCulture)),
        };
    }

    [Fact]
    public void ModelSize_LinearModelsAreCheaperThanTrees()
    {
        var linear = BinaryTrainers.LogisticRegression;
        var forest = BinaryTrainers.FastForest;

        Assert.True(linear.Size(linear.Resolve(linear.Defaults), 2) < forest.Size(forest.Resolve(forest.Defaults), 2));
        Assert.Equal(100 * 20, forest.Size(forest.Resolve(forest.Defaults), 2));
    }

    [Fact]
    public void Resolve_UnknownParameter_ThrowsNamingTheTrainersOwn()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryTrainers.LightGbm.Resolve(new Dictionary<string, double> { ["depth"] = 3 }));

        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
        Assert.Contains("numberOfLeaves", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_TrainerOfAnotherTask_ThrowsNamingThisTasksTrainers()
    {
        var error = Assert.Throws<MlopsException>(() => TrainerCatalog.Find(MlTask.Regression, "LightGbmBinary"));

        Assert.Contains("SdcaRegression", error.Message, StringComparison.Ordinal);
    }

    private static string SampleFor(MlTask task) => task switch
    {
        MlTask.BinaryClassification => SampleDatasets.BreastCancer,
        MlTask.MulticlassClassification => SampleDatasets.Iris,
        _ => SampleDatasets.Diabetes,
    };

    /// <summary>A list that counts how often it is enumerated.</summary>
    private sealed class CountingList<T>(IReadOnlyList<T> items) : IReadOnlyList<T>
    {
        public int Enumerations { get; private set; }

        public int Count => items.Count;

        public T this[int index] => items[index];

        public IEnumerator<T> GetEnumerator()
        {
            Enumerations++;
            return items.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
