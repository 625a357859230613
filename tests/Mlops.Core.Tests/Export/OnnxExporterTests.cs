using System.Globalization;
using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Export;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Testing;

namespace Mlops.Core.Tests.Export;

public sealed class OnnxExporterTests
{
    private static readonly ModelEvaluator Evaluator = new(TestSchemas.DefaultOptions);

    [Fact]
    public void Opsets_AreReadFromTheModelsOpsetImports_SkippingEveryOtherField()
    {
        // ir_version 6, producer "ML.NET", a graph (field 7) holding bytes that look like an opset import, then
        // opset_import { domain "ai.onnx.ml", version 2 } and opset_import { version 12 } (the default domain).
        byte[] model =
        [
            0x08, 0x06,
            0x12, 0x06, .. "ML.NET"u8,
            0x3A, 0x04, 0x42, 0x02, 0x10, 0x63,
            0x42, 0x0E, 0x0A, 0x0A, .. "ai.onnx.ml"u8, 0x10, 0x02,
            0x42, 0x02, 0x10, 0x0C,
        ];

        var opsets = OnnxOpsets.Read(model);

        Assert.Equal(new Dictionary<string, long> { ["ai.onnx"] = 12, ["ai.onnx.ml"] = 2 }, opsets);
        Assert.Empty(OnnxOpsets.Read("not a model"u8));
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Wine)]
    [InlineData(SampleDatasets.Diabetes)]
    public void SampleModel_ExportsToOnnx_ThatScoresEveryHoldoutRowAsMlNet(string sample)
    {
        var trained = TrainedSamples.Get(sample);
        var holdout = Evaluator.Holdout(trained.Data.Typed(trained.Schema));

        var result = new OnnxExporter(TestSchemas.DefaultOptions).Export(trained.Model.ModelZip, holdout);

        Assert.True(result.Export.IsAvailable, result.Export.Reason);
        Assert.Equal(holdout.Rows.Count, result.Export.Check!.Rows);
        Assert.True(result.Export.Check.Passed);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(result.Model!.ToArray())), result.Export.Sha256);
        // The opset a runtime must support (Debian's python3-onnx reads ML.NET's exports as ai.onnx 12, ai.onnx.ml 2),
        // not the model's own version, which ONNX Runtime reports as long.MaxValue when the graph leaves it unset.
        Assert.InRange(result.Export.Opset!.Value, 7, 30);
        Assert.Equal(result.Export.Opset, result.Export.Opsets!["ai.onnx"]);
        var input = Assert.Single(result.Export.Inputs);
        Assert.Equal(("Numeric", "float", -1L, (long)trained.Schema.Features.Count), (input.Name, input.Type, input.Shape[0], input.Shape[1]));
        Assert.Equal(trained.Schema.Features.Select(f => f.Name), result.Export.Features.Select(f => f.Feature));
        AssertScoresAsMlNet(trained.Data, trained.Schema, trained.Model.ModelZip, holdout, result);
    }

    [Fact]
    public void CategoryAndDateFeatures_ExportWithTheirTokensAndParts()
    {
        var data = MixedData(600);
        var schema = new DatasetSchema(
            [new ColumnSchema("color", ColumnKind.Categorical), new ColumnSchema("when", ColumnKind.Date), new ColumnSchema("x", ColumnKind.Numeric)],
            "label",
            MlTask.BinaryClassification,
            ["no", "yes"]);
        var typed = data.Typed(schema);
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(typed, new TrialConfiguration("FastTreeBinary", new Dictionary<string, double>()), null);
        var holdout = Evaluator.Holdout(typed);

        var result = new OnnxExporter(TestSchemas.DefaultOptions).Export(trained.ModelZip, holdout);

        Assert.True(result.Export.IsAvailable, result.Export.Reason);
        Assert.Equal(["Categorical", "Numeric"], result.Export.Inputs.Select(i => i.Name).Order());
        var color = result.Export.Features.Single(f => f.Feature == "color");
        Assert.Equal(("Categorical", "0="), (color.Input, color.TokenPrefix));
        Assert.Equal(5, result.Export.Features.Single(f => f.Feature == "when").Width);
        AssertScoresAsMlNet(data, schema, trained.ModelZip, holdout, result);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AHashedCategory_IsUnavailable_NamingTheSettingThatExportsIt(bool withLowCardinality)
    {
        // "shop" has 400 values, past the one-hot bound of 100, so it is hashed; "color" stays one-hot.
        var data = MixedData(800);
        var shops = new Random(5);
        var rows = data.Rows.Select(r => (string[])[.. r[..^1], string.Create(CultureInfo.InvariantCulture, $"shop-{shops.Next(400)}"), r[^1]]).ToList();
        var wide = new CsvDataset([.. data.Columns.Take(data.Columns.Count - 1), "shop", "label"], rows);
        ColumnSchema[] features = withLowCardinality
            ? [new("color", ColumnKind.Categorical), new("x", ColumnKind.Numeric), new("shop", ColumnKind.Categorical)]
            : [new("x", ColumnKind.Numeric), new("shop", ColumnKind.Categorical)];
        var schema = new DatasetSchema(features, "label", MlTask.BinaryClassification, ["no", "yes"]);
        var typed = wide.Typed(schema);
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(typed, new TrialConfiguration("FastTreeBinary", new Dictionary<string, double>()), null);
        var holdout = Evaluator.Holdout(typed);

        var result = new OnnxExporter(TestSchemas.DefaultOptions).Export(trained.ModelZip, holdout);

        Assert.False(result.Export.IsAvailable);
        Assert.Null(result.Model);
        Assert.StartsWith("ML.NET cannot export this model to ONNX: its hashed categories", result.Export.Reason, StringComparison.Ordinal);
        Assert.Contains("Training__OneHotMaxCardinality", result.Export.Reason, StringComparison.Ordinal);

        // Under the setting the same data exports one-hot, and the graph scores as ML.NET does.
        var oneHot = new ModelTrainer(TestSchemas.DefaultOptions).Train(typed, new TrialConfiguration("FastTreeBinary", new Dictionary<string, double>()), new SearchPlanner(TestSchemas.DefaultOptions).DefaultSettings(MlTask.BinaryClassification) with { OneHotMaxCardinality = 1000 });
        var exported = new OnnxExporter(TestSchemas.DefaultOptions).Export(oneHot.ModelZip, holdout);
        Assert.True(exported.Export.IsAvailable, exported.Export.Reason);
        AssertScoresAsMlNet(wide, schema, oneHot.ModelZip, holdout, exported);
    }

    [Theory]
    [InlineData(SampleDatasets.BreastCancer, "LightGbmBinary")]
    [InlineData(SampleDatasets.BreastCancer, "LbfgsLogisticRegression")]
    [InlineData(SampleDatasets.BreastCancer, "FastTreeBinary")]
    [InlineData(SampleDatasets.BreastCancer, "FastForestBinary")]
    [InlineData(SampleDatasets.Wine, "LightGbmMulticlass")]
    [InlineData(SampleDatasets.Wine, "LbfgsMaximumEntropy")]
    [InlineData(SampleDatasets.Wine, "OneVersusAllFastTree")]
    [InlineData(SampleDatasets.Diabetes, "LightGbmRegression")]
    [InlineData(SampleDatasets.Diabetes, "SdcaRegression")]
    [InlineData(SampleDatasets.Diabetes, "FastTreeRegression")]
    [InlineData(SampleDatasets.Diabetes, "FastForestRegression")]
    [InlineData(SampleDatasets.Diabetes, "FastTreeTweedieRegression")]
    public void EveryTrainer_ExportsOrSaysWhyNot(string sample, string trainer)
    {
        var data = SampleDatasets.Load(sample);
        var schema = TestSchemas.ForSample(sample);
        var typed = data.Typed(schema);
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(typed, new TrialConfiguration(trainer, new Dictionary<string, double>()), null);
        var holdout = Evaluator.Holdout(typed);

        var result = new OnnxExporter(TestSchemas.DefaultOptions).Export(trained.ModelZip, holdout);

        Assert.True(result.Export.IsAvailable, result.Export.Reason);
        AssertScoresAsMlNet(data, schema, trained.ModelZip, holdout, result);
    }

    [Theory]
    [InlineData(SampleDatasets.Diabetes, MetricNames.Rmse, "SdcaRegression", "FastTreeRegression")]
    [InlineData(SampleDatasets.Wine, MetricNames.MacroF1, "LbfgsMaximumEntropy", "LightGbmMulticlass")]
    public void Blend_IsUnavailable_WithTheReason(string sample, string metric, string firstTrainer, string secondTrainer)
    {
        var data = SampleDatasets.Load(sample);
        var typed = data.Typed(TestSchemas.ForSample(sample));
        var settings = new TrialSettings(42, 0.2, 5, 5, metric, false, 100);
        var runner = new TrialRunner(TimeProvider.System);
        var first = runner.Run(typed, settings, new TrialRequest(0, 0, new TrialConfiguration(firstTrainer, new Dictionary<string, double>()), 1, null));
        var second = runner.Run(typed, settings, new TrialRequest(1, 0, new TrialConfiguration(secondTrainer, new Dictionary<string, double>()), 1, null));
        var blend = Core.Training.Ensembles.EnsembleTrainer.Blend(typed, settings, first, second, 0.5);

        var result = new OnnxExporter(TestSchemas.DefaultOptions).Export(blend.ModelZip, Evaluator.Holdout(typed));

        Assert.False(result.Export.IsAvailable);
        Assert.Equal(OnnxStatuses.Unavailable, result.Export.Status);
        Assert.Null(result.Model);
        Assert.StartsWith("ML.NET cannot export this model to ONNX: it is a blend of two models", result.Export.Reason, StringComparison.Ordinal);
        Assert.Contains("\"ensemble\": false", result.Export.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFeature_IsUnavailable_NamingTheTextFeaturization()
    {
        string[] good = ["great product, works well", "really great value", "works perfectly, love it"];
        string[] bad = ["broken on arrival", "terrible, it broke", "awful quality and broken"];
        var rows = Enumerable.Range(0, 300).Select(i => new[] { i % 2 == 0 ? good[i % 3] : bad[i % 3], (i % 5).ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? "yes" : "no" }).ToList();
        var data = new CsvDataset(["review", "stars", "label"], rows);
        var schema = new DatasetSchema([new ColumnSchema("review", ColumnKind.Text), new ColumnSchema("stars", ColumnKind.Numeric)], "label", MlTask.BinaryClassification, ["no", "yes"]);
        var typed = data.Typed(schema);
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(typed, new TrialConfiguration("LbfgsLogisticRegression", new Dictionary<string, double>()), null);
        var holdout = Evaluator.Holdout(typed);

        var result = new OnnxExporter(TestSchemas.DefaultOptions).Export(trained.ModelZip, holdout);

        Assert.False(result.Export.IsAvailable);
        Assert.Equal("ML.NET cannot export this model to ONNX: its text featurization has no ONNX form in ML.NET's converter (KeyNotFoundException).", result.Export.Reason);
    }

    /// <summary>The downloaded graph, fed from the manifest alone, gives the served model's answers on every holdout row.</summary>
    private static void AssertScoresAsMlNet(CsvDataset data, DatasetSchema schema, BinaryData zip, HoldoutSet holdout, OnnxExportResult result)
    {
        var expected = Evaluator.Score(zip, schema, holdout).Scores!;
        var rows = holdout.Rows.Select(i => (IReadOnlyDictionary<string, string?>)data.Columns.Select((c, k) => (c, data.Rows[i][k])).ToDictionary(p => p.c, p => (string?)p.Item2)).ToList();
        using var scorer = new ManifestOnnxScorer(result.Model!.ToArray(), result.Export);
        var scored = scorer.Score(rows);
        for (var r = 0; r < rows.Count; r++)
        {
            switch (schema.Task)
            {
                case MlTask.BinaryClassification:
                    Assert.Equal(expected.Probabilities![r][1], (float)scored[r]["Probability"], 4);
                    Assert.Equal(expected.Predicted[r] == 1, (bool)scored[r]["PredictedLabel"]);
                    break;
                case MlTask.MulticlassClassification:
                    var probabilities = (float[])scored[r]["Score"];
                    for (var k = 0; k < probabilities.Length; k++)
                    {
                        Assert.Equal(expected.Probabilities![r][k], probabilities[k], 4);
                    }

                    Assert.Equal(schema.ClassLabels[(int)expected.Predicted[r]], (string)scored[r]["PredictedLabel"]);
                    break;
                default:
                    Assert.Equal(expected.Predicted[r], (float)scored[r]["Score"], 0.0001 * Math.Max(1, Math.Abs(expected.Predicted[r])));
                    break;
            }
        }
    }

    /// <summary>label = (color is red) xor (weekend), with x as noise and a few missing values of each kind.</summary>
    private static CsvDataset MixedData(int count)
    {
        var random = new Random(11);
        var start = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = new List<string[]>(count);
        for (var i = 0; i < count; i++)
        {
            var color = SyntheticData.Colors[random.Next(3)];
            var when = start.AddDays(random.Next(365)).AddHours(random.Next(24));
            var positive = color == "red" ^ when.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            rows.Add([
                i % 37 == 0 ? string.Empty : color,
                i % 41 == 0 ? string.Empty : when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                i % 29 == 0 ? "NA" : random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
                positive ? "yes" : "no",
            ]);
        }

        return new CsvDataset(["color", "when", "x", "label"], rows);
    }
}
