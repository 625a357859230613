using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Tests.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Evaluation;

public class ModelEvaluatorTests
{
    private readonly ModelEvaluator evaluator = new(TestSchemas.DefaultOptions);

    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Iris)]
    [InlineData(SampleDatasets.Diabetes)]
    public void Evaluate_ModelOnItsOwnData_ReproducesTheTrainersHoldoutMetrics(string sample)
    {
        var trained = TrainedSamples.Get(sample);

        var result = evaluator.Evaluate(trained.Model.ModelZip, trained.Schema, trained.Data.Typed(trained.Schema));

        Assert.Null(result.Problem);
        Assert.NotNull(result.Metrics);
        Assert.Equal(trained.Model.Metrics.Keys.Order(), result.Metrics.Keys.Order());
        foreach (var (key, value) in trained.Model.Metrics)
        {
            Assert.Equal(value, result.Metrics[key], 1e-9);
        }
    }

    [Fact]
    public void Evaluate_DataLackingAFeature_ReturnsAProblemNamingIt()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var data = DropColumn(trained.Data, "petal_width_cm");
        var dataSchema = TestSchemas.Infer(data, MlTask.MulticlassClassification);

        var result = evaluator.Evaluate(trained.Model.ModelZip, trained.Schema, data.Typed(dataSchema));

        Assert.Null(result.Metrics);
        Assert.Contains("'petal_width_cm'", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HoldoutWithAClassTheModelDoesNotKnow_ReturnsAProblemNamingIt()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var data = new CsvDataset(trained.Data.Columns, trained.Data.Rows.Select(r => r[4] == "virginica" ? [.. r[..4], "hybrid"] : r).ToArray());

        var result = evaluator.Evaluate(trained.Model.ModelZip, trained.Schema, data.Typed(TestSchemas.Infer(data, MlTask.MulticlassClassification)));

        Assert.Null(result.Metrics);
        Assert.Contains("'hybrid'", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TextWhereTheModelReadsNumbers_ReturnsAProblem()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var data = new CsvDataset(trained.Data.Columns, trained.Data.Rows.Select(r => (string[])["wide", .. r[1..]]).ToArray());
        var dataSchema = trained.Schema with { Features = [new ColumnSchema("sepal_length_cm", ColumnKind.Categorical), .. trained.Schema.Features.Skip(1)] };

        var result = evaluator.Evaluate(trained.Model.ModelZip, trained.Schema, data.Typed(dataSchema));

        Assert.Null(result.Metrics);
        Assert.Contains("'sepal_length_cm'", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DataOfAnotherTask_ReturnsAProblem()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);

        var result = evaluator.Evaluate(trained.Model.ModelZip, trained.Schema, trained.Data.Typed(trained.Schema with { Task = MlTask.BinaryClassification }));

        Assert.Null(result.Metrics);
        Assert.Contains("multiclass", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnreadableZip_ReturnsAProblem()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);

        var result = evaluator.Evaluate(BinaryData.FromString("not a zip"), trained.Schema, trained.Data.Typed(trained.Schema));

        Assert.Null(result.Metrics);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Evaluate_ManifestSchemaThatDoesNotFitTheZip_ReturnsAProblem()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var fewerFeatures = trained.Schema with { Features = trained.Schema.Features.Take(3).ToArray() };

        var result = evaluator.Evaluate(trained.Model.ModelZip, fewerFeatures, trained.Data.Typed(trained.Schema));

        Assert.Null(result.Metrics);
        Assert.Contains("'Numeric'", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExtraColumnsInData_AreIgnored()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var data = new CsvDataset(["id", .. trained.Data.Columns], trained.Data.Rows.Select((r, i) => (string[])[i.ToString(System.Globalization.CultureInfo.InvariantCulture), .. r]).ToArray());

        var result = evaluator.Evaluate(trained.Model.ModelZip, trained.Schema, data.Typed(trained.Schema));

        Assert.Null(result.Problem);
    }

    private static CsvDataset DropColumn(CsvDataset data, string column)
    {
        var index = data.IndexOf(column);
        return new CsvDataset(
            data.Columns.Where((_, i) => i != index).ToArray(),
            data.Rows.Select(r => r.Where((_, i) => i != index).ToArray()).ToArray());
    }
}
