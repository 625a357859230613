using System.Globalization;
using System.Text;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Core.Tests.Serving;
using Mlops.Core.Tests.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Scoring;

public class ChunkScorerTests
{
    [Theory]
    [InlineData(SampleDatasets.BreastCancer)]
    [InlineData(SampleDatasets.Iris)]
    [InlineData(SampleDatasets.Diabetes)]
    public void Score_EveryRow_AnswersAsPredictDoes_InTheChunksOrder(string sample)
    {
        var trained = TrainedSamples.Get(sample);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var file = ScoringSamples.FileOf(sample, 60);

        var output = ScoringSamples.Score(predictor, 7, file.ToText());

        Assert.Equal(60, output.Rows);
        Assert.Equal(0, output.RejectedRows);
        var lines = ScoringSamples.Lines(output.Scored);
        var inputs = file.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(60, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var row = trained.Data.Rows[i];
            var expected = predictor.Predict(FeatureJson.FromRow(trained.Data, trained.Schema, row));
            var added = trained.Schema.Task == Core.Datasets.MlTask.Regression
                ? [expected.Label]
                : new[] { expected.Label }.Concat(trained.Schema.ClassLabels.Select(c => expected.Probabilities![c].ToString(CultureInfo.InvariantCulture)));
            Assert.Equal($"{inputs[i]},{string.Join(',', added)},7", lines[i]);
        }
    }

    [Fact]
    public void Score_ARowTheModelCannotRead_IsRejectedWithItsNumberAndReason_AndTheOthersKeepTheirOrder()
    {
        var trained = TrainedSamples.Get(SampleDatasets.BreastCancer);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var file = ScoringSamples.FileOf(SampleDatasets.BreastCancer, 10).Map("mean_radius", (i, old) => i == 3 ? "abc" : old);

        var output = ScoringSamples.Score(predictor, 1, file.ToText(), firstRow: 101);

        Assert.Equal(1, output.RejectedRows);
        Assert.Equal(9, output.ScoredRows);
        Assert.Equal(["104,\"Column 'mean_radius' holds 'abc', which is not a number; the model reads it as numeric.\""], ScoringSamples.Lines(output.Rejected));
        var inputs = file.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(inputs.Where((_, i) => i != 3), ScoringSamples.Lines(output.Scored).Select(l => string.Join(',', l.Split(',')[..inputs[0].Split(',').Length])));
    }

    [Fact]
    public void Score_TheSameChunkTwice_GivesTheSameBytes()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var text = ScoringSamples.FileOf(SampleDatasets.Iris, 150).ToText();

        var first = ScoringSamples.Score(predictor, 2, text);
        var second = ScoringSamples.Score(predictor, 2, text);

        Assert.True(first.Scored.Span.SequenceEqual(second.Scored.Span));
    }

    [Fact]
    public void OutputHeader_Classifier_AddsThePredictionAProbabilityPerClassAndTheVersion()
    {
        var schema = TrainedSamples.Get(SampleDatasets.Iris).Schema;

        var header = ScoringColumns.OutputHeader(["id", "sepal_length_cm"], schema);

        Assert.Equal($"id,sepal_length_cm,prediction,{string.Join(',', schema.ClassLabels.Select(c => "probability_" + c))},version\n", header);
    }

    [Fact]
    public void Score_SemicolonFileWithDecimalCommas_ScoresAsTheCommaFile_AndWritesItCommaDelimitedWithPoints()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var comma = ScoringSamples.FileOf(SampleDatasets.Iris, 40).ToText();
        var semicolon = string.Join('\n', comma.Split('\n').Select(line => line.Replace(',', ';').Replace('.', ',')));

        var expected = ScoringSamples.Score(predictor, 3, comma);
        var output = ScoringSamples.Score(predictor, 3, semicolon);

        Assert.Equal(0, output.RejectedRows);
        Assert.Equal(Encoding.UTF8.GetString(expected.Scored.Span), Encoding.UTF8.GetString(output.Scored.Span));
    }

    [Fact]
    public void Score_Windows1252File_ScoresAsItsUtf8Twin_AndWritesUtf8()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var text = ScoringSamples.FileOf(SampleDatasets.Iris, 6).WithColumn("city", i => i == 4 ? "São Paulo" : "Lisboa").ToText();

        var expected = ScoringSamples.Score(predictor, 3, text);
        var output = ScoringSamples.Score(predictor, 3, Core.Datasets.Windows1252.GetBytes(text));

        Assert.Equal(0, output.RejectedRows);
        Assert.Contains(",São Paulo,", Encoding.UTF8.GetString(output.Scored.Span), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(expected.Scored.Span), Encoding.UTF8.GetString(output.Scored.Span));
    }

    [Fact]
    public void Score_AFileWithATitleAboveItsHeader_ScoresAsTheFileWithout()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var plain = ScoringSamples.FileOf(SampleDatasets.Iris, 8).ToText();

        var expected = ScoringSamples.Score(predictor, 2, plain);
        var output = ScoringSamples.Score(predictor, 2, "Flowers measured in 2026\n\nsep=,\n" + plain);

        Assert.Equal(0, output.RejectedRows);
        Assert.Equal(Encoding.UTF8.GetString(expected.Scored.Span), Encoding.UTF8.GetString(output.Scored.Span));
    }

    [Fact]
    public void Score_TheModelsWordsForNoValue_ScoreAsEmptyCells()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        var schema = trained.Schema with { Dialect = Core.Datasets.CsvDialect.Standard with { MissingValues = ["pending"] } };
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, schema);
        var feature = schema.Features[0].Name;
        var empty = ScoringSamples.FileOf(SampleDatasets.Iris, 6).Map(feature, (i, value) => i == 2 ? string.Empty : value).ToText();
        var pending = ScoringSamples.FileOf(SampleDatasets.Iris, 6).Map(feature, (i, value) => i == 2 ? "Pending" : value).ToText();

        var expected = ScoringSamples.Score(predictor, 3, empty);
        var output = ScoringSamples.Score(predictor, 3, pending);

        Assert.Equal(0, output.RejectedRows);
        Assert.Equal(
            Encoding.UTF8.GetString(expected.Scored.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')[^5..]),
            Encoding.UTF8.GetString(output.Scored.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')[^5..]));
    }

    [Theory]
    [InlineData(',', 1)]
    [InlineData(';', 1)]
    [InlineData(',', 3)]
    public void Score_LinesEndingWithTheDelimiter_ScoreAsTheFileWithout(char delimiter, int trailingDelimiters)
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var plain = ScoringSamples.FileOf(SampleDatasets.Iris, 8).ToText();
        var lines = plain.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => delimiter == ',' ? l : l.Replace(',', delimiter));
        var trailing = string.Concat(lines.Select(l => l + new string(delimiter, trailingDelimiters) + "\n"));

        var expected = ScoringSamples.Score(predictor, 2, plain);
        var output = ScoringSamples.Score(predictor, 2, trailing);

        Assert.Equal(0, output.RejectedRows);
        Assert.Equal(Encoding.UTF8.GetString(expected.Scored.Span), Encoding.UTF8.GetString(output.Scored.Span));
    }

    [Fact]
    public void Score_ARowOfTheWrongWidth_IsRejectedWithItsNumber_AndTheOthersAreScored()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var lines = ScoringSamples.FileOf(SampleDatasets.Iris, 5).ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[2] += ",extra";
        var fields = lines[0].Split(',').Length;

        var output = ScoringSamples.Score(predictor, 1, string.Join('\n', lines) + "\n", firstRow: 11);

        Assert.Equal((5, 1), (output.Rows, output.RejectedRows));
        Assert.Equal([$"12,The row has {fields + 1} field(s) but the header has {fields}."], ScoringSamples.Lines(output.Rejected));
        Assert.Equal(4, ScoringSamples.Lines(output.Scored).Length);
    }

    [Fact]
    public void Score_CrLfRowsWithQuotedCells_KeepTheirCellsAsWritten_AndEndInLineFeeds()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var file = ScoringSamples.FileOf(SampleDatasets.Iris, 3).WithColumn("note", i => i == 1 ? "a, \"b\"\r\nc" : "plain");

        var output = ScoringSamples.Score(predictor, 1, file.ToText("\r\n"));

        var text = Encoding.UTF8.GetString(output.Scored.Span);
        Assert.Equal(3, output.ScoredRows);
        Assert.Contains(",\"a, \"\"b\"\"\r\nc\",", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Count(c => c == '\n') - 1);
        Assert.DoesNotContain("\r\n", text.Replace("\"a, \"\"b\"\"\r\nc\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Score_Logged_EndsEachRowWithItsPredictionId_AndLogsWhatItAnsweredWithTheRowsFeatures()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);
        var file = ScoringSamples.FileOf(SampleDatasets.Iris, 12).Map("petal_length_cm", (i, old) => i == 2 ? "wide" : i == 5 ? "" : old);
        var at = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var logging = new ChunkLogging("iris-job-1", "iris", at);

        using var batch = new RecordingBatch();
        using var second = new RecordingBatch();
        var output = ScoringSamples.Score(predictor, 3, file.ToText(), firstRow: 41, logging, batch);
        var again = ScoringSamples.Score(predictor, 3, file.ToText(), firstRow: 41, logging, second);

        // Row 43 ("wide") is rejected and not logged; row 46 (empty) is scored with its missing value logged as null.
        Assert.Equal(11, output.LoggedRows);
        Assert.Equal(batch.Records, second.Records);
        Assert.Equal(output.Scored.ToArray(), again.Scored.ToArray());
        var lines = ScoringSamples.Lines(output.Scored);
        var rows = new long[] { 41, 42, 44, 45, 46, 47, 48, 49, 50, 51, 52 };
        for (var i = 0; i < lines.Length; i++)
        {
            var record = batch.Records[i];
            var cells = lines[i].Split(',');
            Assert.Equal(PredictionIds.ForRow(at, "iris-job-1", rows[i]), cells[^1]);
            Assert.Equal(record.PredictionId, cells[^1]);
            Assert.Equal("3", cells[^2]);
            Assert.Equal(cells[trained.Schema.Features.Count], record.Prediction);
            Assert.Equal(("iris", 3, "batch", at), (record.Model, record.Version, record.Variant, record.Timestamp));
            Assert.Equal(record.Prediction, predictor.Predict(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(record.FeaturesJson)!).Label);
        }

        Assert.Contains("\"petal_length_cm\":null", batch.Records[4].FeaturesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(batch.Records, r => r.FeaturesJson.Contains("wide", StringComparison.Ordinal));
        Assert.Equal(batch.Records.Select(r => r.PredictionId).Order(StringComparer.Ordinal), batch.Records.Select(r => r.PredictionId));
    }

    [Fact]
    public void Score_Logged_WithoutTheLogsBatch_Throws()
    {
        var trained = TrainedSamples.Get(SampleDatasets.Iris);
        using var predictor = ModelPredictor.Load(trained.Model.ModelZip, trained.Schema);

        Assert.Throws<ArgumentNullException>(() => ScoringSamples.Score(predictor, 3, ScoringSamples.FileOf(SampleDatasets.Iris, 3).ToText(), logging: new ChunkLogging("job", "iris", DateTimeOffset.UnixEpoch)));
    }

    /// <summary>A prediction log batch that keeps what it is given, in order.</summary>
    private sealed class RecordingBatch : IPredictionBatch
    {
        private readonly List<PredictionRecord> records = [];

        public IReadOnlyList<PredictionRecord> Records => records;

        public int Count => records.Count;

        public IReadOnlyDictionary<string, int> CountByModel => records.GroupBy(r => r.Model).ToDictionary(g => g.Key, g => g.Count());

        public IReadOnlyList<PredictionRecord> ExperimentPredictions => [];

        public void Add(PredictionRecord prediction) => records.Add(prediction);

        public void Dispose()
        {
        }
    }
}
