using System.Globalization;
using System.Text;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Serving;
using Mlops.Core.Training;
using nietras.SeparatedValues;

namespace Mlops.Core.Scoring;

/// <summary>
/// Scores one chunk of a scoring file, read from its own byte range of the file: each row is read by the rules training
/// read its columns with (a row the model cannot read, or with the wrong number of fields, is rejected with the reason),
/// then every readable row goes through the model in one Transform, and the output is written in the chunk's order. A
/// comma-delimited file's rows are copied to the output as they were written; any other dialect's cells are rewritten
/// comma-delimited with a decimal point. The same chunk and model always give the same bytes, so an activity that runs
/// again writes its output over itself.
/// </summary>
public static class ChunkScorer
{
    /// <param name="predictor">The model version that scores.</param>
    /// <param name="version">Its number, written on every row.</param>
    /// <param name="range">The chunk's bytes: <paramref name="chunk"/>'s range of the file.</param>
    /// <param name="format">The file's columns and dialect, as the plan read them from its header.</param>
    /// <param name="chunk">Which rows the range holds.</param>
    /// <param name="logging">When the job logs its rows as predictions: each scored row then ends with its prediction id.</param>
    /// <param name="log">The prediction log's batch the scored rows go to; required with <paramref name="logging"/>.</param>
    public static ChunkOutput Score(
        ModelPredictor predictor, int version, Stream range, ScoringFormat format, ChunkRange chunk, CancellationToken cancellationToken, ChunkLogging? logging = null, IPredictionBatch? log = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(chunk);
        var layout = predictor.Layout;
        var positions = Positions(layout.Schema, format.Columns);
        var rows = new List<FeatureRow>(chunk.Rows);
        var inputs = new InputLines(format.Dialect, chunk.End - chunk.Start);
        var rejected = new StringBuilder();
        var rejectedRows = 0;
        var seen = 0;
        using var logged = logging is null ? null
            : new LoggedRows(logging, log ?? throw new ArgumentNullException(nameof(log), "A chunk that logs its rows needs the log's batch."), layout.Schema, version, chunk.Rows);
        // The plan knows Windows-1252 when the file's first rows showed it; otherwise each chunk detects as the gate does.
        // A UTF-16 chunk starts between two code units but without a byte order mark, so it is decoded in the file's byte
        // order as the plan read it, not left to detection, which needs enough ASCII to tell.
        using var utf16 = format.Dialect.Encoding == CsvEncoding.Utf16 ? Utf16AsUtf8(range, format.Utf16BigEndian) : null;
        using (var text = new CsvTextReader(utf16 ?? range, encoding: utf16 is not null ? CsvEncoding.Utf8 : format.Dialect.Encoding == CsvEncoding.Windows1252 ? CsvEncoding.Windows1252 : null))
        using (var reader = Sep.New(format.Dialect.Delimiter)
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .From(text))
        {
            foreach (var row in reader)
            {
                if (row.ColCount == 1 && CsvRowIndexer.IsBlank(row.Span, format.Dialect.Delimiter))
                {
                    continue;
                }

                if (++seen % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var width = TrailingDelimiter.Width(row, format.Columns.Count, format.Dialect.Delimiter);
                var problem = width == format.Columns.Count
                    ? Read(layout, inputs, row, width, positions, logged, out var features)
                    : Ragged(row.ColCount, format.Columns.Count, out features);
                if (problem is not null)
                {
                    rejected.Append((chunk.FirstRow + seen - 1).ToString(CultureInfo.InvariantCulture)).Append(',');
                    CsvCells.Append(rejected, problem);
                    rejected.Append('\n');
                    rejectedRows++;
                    continue;
                }

                rows.Add(features!);
                logged?.Keep(chunk.FirstRow + seen - 1);
            }
        }

        if (seen != chunk.Rows)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"Chunk {chunk.Chunk} should hold {chunk.Rows} rows from row {chunk.FirstRow}, and its bytes hold {seen}: the file changed, or its rows were indexed wrongly."));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var scored = new ScoredLines(predictor.Schema, version, inputs.Length + (rows.Count * 48));
        if (rows.Count > 0)
        {
            Write(predictor, rows, inputs, scored, logged);
        }

        return new ChunkOutput(scored.Written, Encoding.UTF8.GetBytes(rejected.ToString()), seen, rejectedRows)
        {
            LoggedRows = logged?.Logged ?? 0,
        };
    }

    private static Stream Utf16AsUtf8(Stream range, bool bigEndian) => Encoding.CreateTranscodingStream(
        range, new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true), new UTF8Encoding(false), leaveOpen: true);

    private static int[] Positions(DatasetSchema schema, IReadOnlyList<string> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(columns[i], i);
        }

        var missing = schema.Features.Where(f => !index.ContainsKey(f.Name)).Select(f => f.Name).ToList();
        return missing.Count > 0
            ? throw MlopsException.Invalid(ScoringColumns.MissingReason(missing, schema))
            : [.. schema.Features.Select(f => index[f.Name])];
    }

    /// <summary>The reason the model cannot read the row, or null with its features read and its input line kept.</summary>
    private static string? Read(FeatureLayout layout, InputLines inputs, SepReader.Row row, int width, int[] positions, LoggedRows? logged, out FeatureRow? features)
    {
        // The row's text is taken before any cell is read: unescaping a cell rewrites the row's characters in place.
        var mark = inputs.Begin(row.Span, emptyTail: row.ColCount - width);
        features = layout.CreateRow();
        logged?.BeginRow();
        for (var f = 0; f < positions.Length; f++)
        {
            var cell = row[positions[f]].Span;
            bool read;
            string? problem;
            if (inputs.Dialect.RewritesCells)
            {
                var normalized = inputs.Dialect.Normalize(cell.ToString());
                read = FeatureCells.TrySet(layout, features, f, normalized, out problem);
                logged?.Cell(f, normalized);
            }
            else
            {
                read = FeatureCells.TrySet(layout, features, f, cell, out problem);
                logged?.Cell(f, cell);
            }

            if (!read)
            {
                inputs.Undo(mark);
                features = null;
                return problem;
            }
        }

        inputs.End(row, width);
        return null;
    }

    private static string Ragged(int fields, int expected, out FeatureRow? features)
    {
        features = null;
        return string.Create(CultureInfo.InvariantCulture, $"The row has {fields} field(s) but the header has {expected}.");
    }

    /// <summary>Each kept row's input line followed by what the model said of it, from one pass of the model over all of them.</summary>
    private static void Write(ModelPredictor predictor, List<FeatureRow> rows, InputLines inputs, ScoredLines scored, LoggedRows? logged)
    {
        var schema = predictor.Schema;
        var view = predictor.Transform(rows);
        var ml = predictor.Context;
        var row = 0;
        switch (schema.Task)
        {
            case MlTask.BinaryClassification:
                foreach (var output in ml.Data.CreateEnumerable<BinaryScoredRow>(view, reuseRowObject: true))
                {
                    scored.Input(inputs.Line(row++));
                    scored.Label(output.PredictedLabel ? 1 : 0);
                    scored.Number(1f - output.Probability);
                    scored.Number(output.Probability);
                    if (logged is null)
                    {
                        scored.EndLine();
                    }
                    else
                    {
                        scored.EndLine(logged.Answered(row - 1, schema.ClassLabels[output.PredictedLabel ? 1 : 0], ModelPredictor.Widen(output.Probability)));
                    }
                }

                break;
            case MlTask.MulticlassClassification:
                foreach (var output in ml.Data.CreateEnumerable<MulticlassScoredRow>(view, reuseRowObject: true))
                {
                    scored.Input(inputs.Line(row++));
                    scored.Label(output.PredictedLabel);
                    foreach (var probability in output.Score)
                    {
                        scored.Number(probability);
                    }

                    if (logged is null)
                    {
                        scored.EndLine();
                    }
                    else
                    {
                        scored.EndLine(logged.Answered(row - 1, output.PredictedLabel, ModelPredictor.Widen(output.Score.Max())));
                    }
                }

                break;
            default:
                foreach (var output in ml.Data.CreateEnumerable<RegressionScoredRow>(view, reuseRowObject: true))
                {
                    scored.Input(inputs.Line(row++));
                    scored.Number(output.Score);
                    if (logged is null)
                    {
                        scored.EndLine();
                    }
                    else
                    {
                        scored.EndLine(logged.Answered(row - 1, output.Score.ToString(CultureInfo.InvariantCulture), ModelPredictor.Widen(output.Score)));
                    }
                }

                break;
        }
    }
}
