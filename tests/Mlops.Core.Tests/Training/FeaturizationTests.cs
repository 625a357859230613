using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training;

/// <summary>Featurization chosen from the data contract: categories one-hot or hashed, dates by their parts, free text.</summary>
public class FeaturizationTests
{
    private static readonly TrialSettings Settings = new(42, 0.2, 5, 5, MetricNames.Auc, false, 100);

    [Fact]
    public void CategoryVocabulary_OneHotsFewValues_HashesMany()
    {
        var layout = FeatureLayout.For(new DatasetSchema(
            [new ColumnSchema("color", ColumnKind.Categorical), new ColumnSchema("user", ColumnKind.Categorical)], "label", MlTask.Regression, []));
        var rows = Enumerable.Range(0, 300).Select(i =>
        {
            var row = layout.CreateRow();
            layout.SetCategory(row, 0, i % 3 == 0 ? "red" : "blue");
            layout.SetCategory(row, 1, "user" + i.ToString(CultureInfo.InvariantCulture));
            return row;
        }).ToList();

        var vocabulary = CategoryVocabulary.Of(rows, oneHotMaxCardinality: 100);

        Assert.Equal(["0=blue", "0=red"], vocabulary.OneHot);
        Assert.Equal(11, vocabulary.HashBits);
    }

    [Fact]
    public void HighCardinalityCategory_IsHashedAndStillPredicts()
    {
        // The label is the user's parity, so only the hashed high-cardinality column carries it.
        var data = Synthetic(600, i => ["u" + (i % 40).ToString(CultureInfo.InvariantCulture), i % 3 == 0 ? "a" : "b", (i % 40 % 2 == 0) ? "yes" : "no"], "user", "group");
        var schema = Schema(data, ColumnKind.Categorical, ColumnKind.Categorical);
        var linear = new TrialConfiguration("LbfgsLogisticRegression", new Dictionary<string, double>());

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema), linear, Settings with { OneHotMaxCardinality = 10 });

        Assert.True(trained.Metrics[MetricNames.Accuracy] > 0.9, $"accuracy {trained.Metrics[MetricNames.Accuracy]}");
    }

    [Fact]
    public void DateFeature_TrainsOnItsPartsAndServesFromJson()
    {
        // Weekend days are positive: only the day-of-week part of the date carries the label.
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var data = Synthetic(700, i =>
        {
            var day = start.AddDays(i).AddHours(i % 24);
            return [day.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), (i % 7).ToString(CultureInfo.InvariantCulture), day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "yes" : "no"];
        }, "when", "noise");
        var schema = Schema(data, ColumnKind.Date, ColumnKind.Categorical);

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema), null, Settings);
        using var predictor = ModelPredictor.Load(trained.ModelZip, schema);

        Assert.True(trained.Metrics[MetricNames.Accuracy] > 0.95, $"accuracy {trained.Metrics[MetricNames.Accuracy]}");
        Assert.Equal("yes", predictor.Predict(Features(("when", "\"2026-11-28T10:00:00Z\""), ("noise", "\"1\""))).Label);
        Assert.Equal("no", predictor.Predict(Features(("when", "\"2026-11-25T10:00:00Z\""), ("noise", "\"1\""))).Label);
        Assert.Throws<MlopsException>(() => predictor.Predict(Features(("when", "\"next week\""), ("noise", "\"1\""))));
    }

    [Fact]
    public void DateFeature_TrendAndWeekendParts_LetALinearModelFollowThem_WhileALegacySchemaKeepsItsFiveParts()
    {
        // Daily sales: a steady trend and a weekend lift, the rest noise. The weekday number puts the weekend at both
        // ends (Sunday 0, Saturday 6), so the five legacy parts leave a linear model the trend alone, and coarsely.
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(5);
        var data = Synthetic(700, i =>
        {
            var day = start.AddDays(i);
            var sales = 200 + (0.5 * i) + (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 60 : 0) + (10 * (random.NextDouble() - 0.5));
            return [day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sales.ToString("R", CultureInfo.InvariantCulture)];
        }, "day");
        var legacy = new DatasetSchema([new ColumnSchema("day", ColumnKind.Date)], "label", MlTask.Regression, []);
        var current = legacy with { DatePartCount = DateParts.Current };
        var linear = new TrialConfiguration("SdcaRegression", new Dictionary<string, double>());
        var settings = Settings with { Metric = MetricNames.Rmse };

        var withParts = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(current), linear, settings);
        var withoutThem = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(legacy), linear, settings);

        // Measured: 95.3 with the five parts, 11.9 with seven.
        Assert.True(withParts.Metrics[MetricNames.Rmse] < withoutThem.Metrics[MetricNames.Rmse] / 4, $"RMSE {withoutThem.Metrics[MetricNames.Rmse]} -> {withParts.Metrics[MetricNames.Rmse]}");
        using var predictor = ModelPredictor.Load(withParts.ModelZip, current);
        var saturday = predictor.Predict(Features(("day", "\"2024-12-07\""))).Score!.Value;
        var monday = predictor.Predict(Features(("day", "\"2024-12-09\""))).Score!.Value;
        Assert.InRange(saturday - monday, 40, 80);

        // A schema recorded before the two parts existed reads as five, and its model serves with them.
        var recorded = JsonSerializer.Deserialize<DatasetSchema>(JsonSerializer.Serialize(legacy).Replace(",\"DatePartCount\":5", string.Empty, StringComparison.Ordinal))!;
        Assert.Equal(DateParts.Legacy, recorded.DatePartCount);
        using var old = ModelPredictor.Load(withoutThem.ModelZip, recorded);
        Assert.True(double.IsFinite(old.Predict(Features(("day", "\"2024-12-07\""))).Score!.Value));
    }

    [Fact]
    public void TextFeature_TrainsOnItsWordsAndServesFromJson()
    {
        string[] good = ["great product, works well", "really great value", "works perfectly, love it", "excellent and great"];
        string[] bad = ["broken on arrival", "terrible, it broke", "awful quality and broken", "waste of money, terrible"];
        var data = Synthetic(400, i => [i % 2 == 0 ? good[i / 2 % 4] : bad[i / 2 % 4], (i % 5).ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? "yes" : "no"], "review", "stars");
        var schema = Schema(data, ColumnKind.Text, ColumnKind.Numeric);

        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema), new TrialConfiguration("LbfgsLogisticRegression", new Dictionary<string, double>()), Settings);
        using var predictor = ModelPredictor.Load(trained.ModelZip, schema);

        Assert.True(trained.Metrics[MetricNames.Accuracy] > 0.95, $"accuracy {trained.Metrics[MetricNames.Accuracy]}");
        Assert.Equal("no", predictor.Predict(Features(("review", "\"it arrived broken, terrible\""), ("stars", "3"))).Label);
    }

    [Fact]
    public void ValidatedDatesAndProse_BecomeDateAndTextFeatures_ThatTrain()
    {
        // The data-quality gate chooses the kinds; the label follows the day of week and the review's words.
        string[] good = ["great product, works well", "really great value", "works perfectly, love it"];
        string[] bad = ["broken on arrival", "terrible, it broke", "awful quality and broken"];
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var csv = new System.Text.StringBuilder("when,review,label\n");
        for (var i = 0; i < 600; i++)
        {
            var day = start.AddDays(i);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var review = weekend || i % 3 == 0 ? good[i % 3] : bad[i % 3];
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},\"{review} #{i}\",{(weekend ? "yes" : "no")}\n");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        var report = new Mlops.Core.Validation.DatasetValidator(Microsoft.Extensions.Options.Options.Create(new Mlops.Core.Validation.ValidationOptions()))
            .Validate(new MemoryStream(bytes), specJson: null);
        Assert.True(report.Passed, report.Summary);
        Assert.Equal([new ColumnSchema("when", ColumnKind.Date), new ColumnSchema("review", ColumnKind.Text)], report.Schema!.Features);

        var read = CsvDatasetReader.Read(new MemoryStream(bytes));
        var trained = new ModelTrainer(TestSchemas.DefaultOptions).Train(read.Dataset!.Typed(report.Schema), null, Settings);

        Assert.True(trained.Metrics[MetricNames.Accuracy] > 0.9, $"accuracy {trained.Metrics[MetricNames.Accuracy]}");
    }

    [Fact]
    public void ClassWeights_LiftRecallOfARareClass()
    {
        // 5% positives whose signal overlaps the negatives: unweighted, the model rarely says "yes".
        var random = new Random(11);
        var data = Synthetic(2_000, i =>
        {
            var positive = i % 20 == 0;
            var x = random.NextDouble() + (positive ? 0.45 : 0);
            return [x.ToString("R", CultureInfo.InvariantCulture), random.NextDouble().ToString("R", CultureInfo.InvariantCulture), positive ? "yes" : "no"];
        }, "x", "noise");
        var schema = Schema(data, ColumnKind.Numeric, ColumnKind.Numeric);
        var linear = new TrialConfiguration("LbfgsLogisticRegression", new Dictionary<string, double>());

        var plain = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema), linear, Settings);
        var weighted = new ModelTrainer(TestSchemas.DefaultOptions).Train(data.Typed(schema), linear, Settings with { ClassWeights = true });

        Assert.True(weighted.Metrics[MetricNames.Recall] > plain.Metrics[MetricNames.Recall] + 0.2, $"recall {plain.Metrics[MetricNames.Recall]} -> {weighted.Metrics[MetricNames.Recall]}");
        Assert.Equal("true", weighted.Parameters["classWeights"]);
        Assert.False(plain.Parameters.ContainsKey("classWeights"));
    }

    private static CsvDataset Synthetic(int rows, Func<int, string[]> row, params string[] features) =>
        new([.. features, "label"], [.. Enumerable.Range(0, rows).Select(row)]);

    private static DatasetSchema Schema(CsvDataset data, params ColumnKind[] kinds) =>
        new([.. data.Columns.Take(kinds.Length).Select((c, i) => new ColumnSchema(c, kinds[i]))], "label", MlTask.BinaryClassification, ["no", "yes"]);

    private static Dictionary<string, JsonElement> Features(params (string Name, string Json)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonDocument.Parse(v.Json).RootElement.Clone(), StringComparer.Ordinal);
}
