using Mlops.Core.Datasets;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Core.Tests.Datasets;
using Mlops.Core.Tests.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Scoring;

/// <summary>Scoring files made from a trained sample's own rows, the label left out as a caller would.</summary>
internal static class ScoringSamples
{
    public static CsvBuilder FileOf(string sample, int rows)
    {
        var trained = TrainedSamples.Get(sample);
        var columns = trained.Data.Columns.Where(c => c != trained.Schema.Label).ToArray();
        var indexes = columns.Select(trained.Data.IndexOf).ToArray();
        return CsvBuilder.WithColumns(columns).Rows(rows, i => [.. indexes.Select(c => trained.Data.Rows[i % trained.Data.Rows.Count][c])]);
    }

    /// <summary>The lines of a chunk output (no header), split.</summary>
    public static string[] Lines(ReadOnlyMemory<byte> text) =>
        System.Text.Encoding.UTF8.GetString(text.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Scores a whole file as one chunk, the way a job does: the header and dialect read as the plan reads them, the
    /// rows indexed, the chunk's range read; <paramref name="firstRow"/> numbers its first row.
    /// </summary>
    public static ChunkOutput Score(ModelPredictor predictor, int version, string text, long firstRow = 1, ChunkLogging? logging = null, IPredictionBatch? log = null) =>
        Score(predictor, version, System.Text.Encoding.UTF8.GetBytes(text), firstRow, logging, log);

    /// <summary>A file of one chunk, as its bytes: the plan reads its header and the chunk scorer its rows.</summary>
    public static ChunkOutput Score(ModelPredictor predictor, int version, byte[] bytes, long firstRow = 1, ChunkLogging? logging = null, IPredictionBatch? log = null)
    {
        var head = CsvDatasetReader.ReadHeader(new MemoryStream(bytes), CsvDialectHint.Detect, default);
        Assert.Null(head.Error);
        var index = CsvRowIndexer.IndexAsync(new MemoryStream(bytes), head.Dialect!.Delimiter, int.MaxValue, default, head.LeadingRows).GetAwaiter().GetResult();
        var chunk = index.Chunks().Single() with { FirstRow = firstRow };
        var range = new MemoryStream(bytes[(int)chunk.Start..(int)chunk.End]);
        return ChunkScorer.Score(predictor, version, range, ScoringFormat.Of(head, predictor.Layout.Schema), chunk, default, logging, log);
    }

    public static DatasetSchema Schema(string sample) => TrainedSamples.Get(sample).Schema;

    public static string BreastCancer => SampleDatasets.BreastCancer;
}
