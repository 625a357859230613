using Mlops.Core.Datasets;
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

    public static DatasetSchema Schema(string sample) => TrainedSamples.Get(sample).Schema;

    public static string BreastCancer => SampleDatasets.BreastCancer;
}
