using System.Globalization;
using System.Text;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Serving;
using Mlops.Core.Training;

namespace Mlops.Core.Scoring;

/// <summary>
/// Scores one chunk of a scoring file: each row is read by the rules training read its columns with (a row whose cell
/// the model cannot read is rejected, with the reason), then every readable row goes through the model in one
/// Transform, and the output is written in the chunk's order. The same chunk and model always give the same bytes, so
/// an activity that runs again overwrites its output with itself.
/// </summary>
public static class ChunkScorer
{
    /// <param name="predictor">The model version that scores.</param>
    /// <param name="version">Its number, written on every row.</param>
    /// <param name="chunk">The chunk as <see cref="ChunkSplitter"/> wrote it.</param>
    /// <param name="firstRow">The 1-based number, in the file, of the chunk's first data row.</param>
    public static ChunkOutput Score(ModelPredictor predictor, int version, Stream chunk, long firstRow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var read = CsvDatasetReader.Read(chunk, CsvDialectHint.Exactly(CsvDialect.Standard), cancellationToken);
        var data = read.Dataset ?? throw new InvalidDataException($"A scoring chunk could not be read back: {read.Error?.Message}");
        var layout = predictor.Layout;
        var schema = layout.Schema;
        var positions = schema.Features.Select(f => data.IndexOf(f.Name)).ToArray();
        if (Array.IndexOf(positions, -1) is var absent and >= 0)
        {
            throw MlopsException.Invalid(ScoringColumns.MissingReason([schema.Features[absent].Name], schema));
        }

        var rows = new List<FeatureRow>(data.Rows.Count);
        var accepted = new List<int>(data.Rows.Count);
        var rejected = new StringBuilder();
        var rejectedRows = 0;
        for (var r = 0; r < data.Rows.Count; r++)
        {
            var row = layout.CreateRow();
            if (Read(layout, row, data.Rows[r], positions) is { } problem)
            {
                rejected.Append((firstRow + r).ToString(CultureInfo.InvariantCulture)).Append(',');
                CsvCells.Append(rejected, problem);
                rejected.Append('\n');
                rejectedRows++;
                continue;
            }

            rows.Add(row);
            accepted.Add(r);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var scored = new StringBuilder(data.Rows.Count * 64);
        if (rows.Count > 0)
        {
            var outputs = Outputs(predictor, rows, version.ToString(CultureInfo.InvariantCulture));
            var i = 0;
            foreach (var written in outputs)
            {
                AppendInput(scored, data.Rows[accepted[i++]]);
                scored.Append(written).Append('\n');
            }
        }

        return new ChunkOutput(Encoding.UTF8.GetBytes(scored.ToString()), Encoding.UTF8.GetBytes(rejected.ToString()), data.Rows.Count, rejectedRows);
    }

    /// <summary>The reason the model cannot read the row, or null when every feature it needs was set.</summary>
    private static string? Read(FeatureLayout layout, FeatureRow row, string[] cells, int[] positions)
    {
        for (var f = 0; f < positions.Length; f++)
        {
            if (!FeatureCells.TrySet(layout, row, f, cells[positions[f]], out var problem))
            {
                return problem;
            }
        }

        return null;
    }

    private static void AppendInput(StringBuilder text, string[] cells)
    {
        foreach (var cell in cells)
        {
            CsvCells.Append(text, cell);
            text.Append(',');
        }
    }

    /// <summary>The added cells of each row, in the rows' order, from one pass of the model over all of them.</summary>
    private static IEnumerable<string> Outputs(ModelPredictor predictor, List<FeatureRow> rows, string version)
    {
        var schema = predictor.Schema;
        var view = predictor.Transform(rows);
        var ml = predictor.Context;
        var line = new StringBuilder();
        switch (schema.Task)
        {
            case MlTask.BinaryClassification:
                foreach (var scored in ml.Data.CreateEnumerable<BinaryScoredRow>(view, reuseRowObject: true))
                {
                    line.Clear();
                    CsvCells.Append(line, schema.ClassLabels[scored.PredictedLabel ? 1 : 0]);
                    AppendNumber(line.Append(','), 1f - scored.Probability);
                    AppendNumber(line.Append(','), scored.Probability);
                    yield return line.Append(',').Append(version).ToString();
                }

                break;
            case MlTask.MulticlassClassification:
                foreach (var scored in ml.Data.CreateEnumerable<MulticlassScoredRow>(view, reuseRowObject: true))
                {
                    line.Clear();
                    CsvCells.Append(line, scored.PredictedLabel);
                    foreach (var probability in scored.Score)
                    {
                        AppendNumber(line.Append(','), probability);
                    }

                    yield return line.Append(',').Append(version).ToString();
                }

                break;
            default:
                foreach (var scored in ml.Data.CreateEnumerable<RegressionScoredRow>(view, reuseRowObject: true))
                {
                    line.Clear();
                    AppendNumber(line, scored.Score);
                    yield return line.Append(',').Append(version).ToString();
                }

                break;
        }
    }

    /// <summary>The float's shortest round-trip text in the invariant culture: what predict answers, digit for digit.</summary>
    private static void AppendNumber(StringBuilder line, float value)
    {
        Span<char> text = stackalloc char[32];
        line.Append(value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture) ? text[..written] : value.ToString(CultureInfo.InvariantCulture));
    }
}
