using System.Text;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Feedback;
using Mlops.Core.Registry;
using Mlops.Core.Serving;

namespace Mlops.Core.Monitoring;

/// <summary>
/// The training set for a retraining run: the champion's own dataset, then every prediction made since the champion
/// was registered that has a label, as a CSV row in the dataset's columns (features as logged, the label from
/// feedback). None labelled means nothing new to learn from: no set.
/// </summary>
public sealed class RetrainingSetBuilder(IDatasetStore datasets, IPredictionLog predictions, IFeedbackStore feedback)
{
    /// <summary>Predictions whose labels are looked up per range read.</summary>
    private const int LabelBatch = 1_000;

    /// <summary>How much of the file's text the header is looked for in: it is within the first lines.</summary>
    private const int HeaderSearchChars = 1 << 20;

    /// <summary>The set's CSV and how many labelled rows it adds; null when no prediction since has a label.</summary>
    public async Task<(BinaryData Csv, long Added)?> BuildAsync(ModelVersion champion, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(champion);
        var model = champion.Model;
        var dataset = await datasets.DescribeAsync(champion.Lineage.DatasetBlob, cancellationToken)
            ?? throw new InvalidOperationException($"The champion's dataset {champion.Lineage.DatasetBlob} is gone; a retraining set needs it.");
        using var original = new MemoryStream();
        await using (var read = await datasets.OpenReadAsync(new DatasetRef(model, dataset.BlobName, dataset.Sha256, dataset.ETag), cancellationToken))
        {
            await read.CopyToAsync(original, cancellationToken);
        }

        // The set is the champion's file with rows appended, so the rows are written in that file's dialect and
        // encoding (a spec that names the encoding reads the set as it read the file). A Parquet dataset is carried on
        // as its CSV text: the set is a CSV whatever the champion trained on.
        var dialect = champion.Schema.Dialect ?? CsvDialect.Standard;
        var bytes = original.GetBuffer().AsSpan(0, (int)original.Length);
        var text = DatasetFiles.FormatOf(dataset.BlobName) == DatasetFormat.Parquet
            ? await ParquetAsCsvAsync(original, cancellationToken)
            : CsvFileText.Decode(bytes, dialect.Encoding);
        var header = CsvHeader(text, dialect);
        var csv = new StringBuilder(text);
        if (!text.EndsWith('\n'))
        {
            csv.Append('\n');
        }

        long added = 0;
        var pending = new List<PredictionRecord>(LabelBatch);
        await foreach (var prediction in predictions.ReadRangeAsync(model, champion.CreatedAt, until, cancellationToken))
        {
            pending.Add(prediction);
            if (pending.Count == LabelBatch)
            {
                added += await AppendLabelledAsync(model, champion.Schema, dialect, header, pending, csv, cancellationToken);
                pending.Clear();
            }
        }

        added += await AppendLabelledAsync(model, champion.Schema, dialect, header, pending, csv, cancellationToken);
        return added == 0 ? null
            : (CsvFileText.Encode(csv.ToString(), dialect.Encoding), added);
    }

    private async Task<long> AppendLabelledAsync(
        string model, DatasetSchema schema, CsvDialect dialect, string[] header, List<PredictionRecord> batch, StringBuilder csv, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var byId = batch.ToDictionary(p => p.PredictionId, StringComparer.Ordinal);
        var spellings = schema.Features.Where(f => f.Boolean is not null).ToDictionary(f => f.Name, f => f.Boolean!, StringComparer.Ordinal);
        long added = 0;
        foreach (var label in (await feedback.FindAsync(model, byId.Keys, cancellationToken)).OrderBy(l => l.PredictionId, StringComparer.Ordinal))
        {
            using var features = JsonDocument.Parse(byId[label.PredictionId].FeaturesJson);
            var cells = header.Select(column => column == schema.Label
                ? label.Label
                : features.RootElement.TryGetProperty(column, out var value) ? Spelled(Cell(value, dialect), spellings.GetValueOrDefault(column)) : string.Empty);
            csv.AppendJoin(dialect.Delimiter, cells.Select(c => Escape(c, dialect.Delimiter))).Append('\n');
            added++;
        }

        return added;
    }

    /// <summary>A yes/no column's true or "yes" written as the file writes it, so the set keeps one spelling of each.</summary>
    private static string Spelled(string cell, BooleanSpelling? spelling) =>
        spelling is null || cell.Length == 0 ? cell : spelling.Spell(cell);

    private static string Cell(JsonElement value, CsvDialect dialect) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.Number when dialect.DecimalMark == ',' => value.GetRawText().Replace('.', ','),
        _ => value.GetRawText(),
    };

    private static async Task<string> ParquetAsCsvAsync(MemoryStream parquet, CancellationToken cancellationToken)
    {
        parquet.Position = 0;
        var text = new CsvText();
        var read = await ParquetDatasetReader.ReadAsync(parquet, text, cancellationToken);
        return read.Error is null ? text.ToString() : throw new InvalidOperationException($"The champion's Parquet dataset cannot be read: {read.Error.Message}");
    }

    private static string Escape(string cell, char delimiter) =>
        cell.Contains(delimiter, StringComparison.Ordinal) || cell.AsSpan().IndexOfAny("\"\r\n") >= 0
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;

    /// <summary>Rows written back as CSV in the standard dialect (what Parquet's values are read as).</summary>
    private sealed class CsvText : ICsvRowSink
    {
        private readonly StringBuilder text = new();

        public void Header(IReadOnlyList<string> columns) =>
            text.AppendJoin(',', columns.Select(c => Escape(c, ','))).Append('\n');

        public void Row(CsvRow row)
        {
            for (var i = 0; i < row.Count; i++)
            {
                text.Append(i == 0 ? "" : ",").Append(Escape(row.GetString(i), ','));
            }

            text.Append('\n');
        }

        public override string ToString() => text.ToString();
    }

    /// <summary>
    /// The file's header as every reader finds it: below Excel's "sep=" line and a title, if the dialect says so (the
    /// header is within its first lines, so only the beginning of the text is read).
    /// </summary>
    private static string[] CsvHeader(string text, CsvDialect dialect)
    {
        var head = Encoding.UTF8.GetBytes(text[..Math.Min(text.Length, HeaderSearchChars)]);
        var read = CsvDatasetReader.ReadHeader(new MemoryStream(head), CsvDialectHint.Exactly(dialect with { Encoding = CsvEncoding.Utf8 }), CancellationToken.None);
        return read.Columns is { } columns ? [.. columns]
            : throw new InvalidOperationException($"The champion's dataset has no readable header: {read.Error?.Message}");
    }
}
