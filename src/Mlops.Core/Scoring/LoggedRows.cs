using System.Buffers;
using System.Text;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;

namespace Mlops.Core.Scoring;

/// <summary>
/// A chunk's kept rows as predictions to log: each row's features as the JSON object predict would have logged (numbers
/// where a numeric cell reads as one, the cell's text otherwise, null for a missing cell), then what the model said,
/// added to the log's batch as it is answered. The batch encodes each record at once, so a chunk holds its rows'
/// features as compressed bytes, not as records.
/// </summary>
internal sealed class LoggedRows(ChunkLogging logging, IPredictionBatch batch, DatasetSchema schema, int version, int capacity) : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(256);
    private readonly List<(long Row, string Features)> rows = new(capacity);
    private Utf8JsonWriter? json;

    /// <summary>Rows added to the batch.</summary>
    public int Logged { get; private set; }

    public void BeginRow()
    {
        buffer.ResetWrittenCount();
        if (json is null)
        {
            json = new Utf8JsonWriter(buffer);
        }
        else
        {
            json.Reset(buffer);
        }

        json.WriteStartObject();
    }

    /// <param name="feature">The feature's index in the schema.</param>
    /// <param name="cell">The cell as the model read it (a decimal comma already made a point).</param>
    public void Cell(int feature, ReadOnlySpan<char> cell)
    {
        var column = schema.Features[feature];
        var writer = json!;
        writer.WritePropertyName(column.Name);
        if (MissingValues.IsMissing(cell))
        {
            writer.WriteNullValue();
        }
        else if (column.Kind == ColumnKind.Numeric && CsvValues.TryParseNumber(cell, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(cell);
        }
    }

    /// <summary>Keeps the row begun last as file row <paramref name="row"/>.</summary>
    public void Keep(long row)
    {
        json!.WriteEndObject();
        json.Flush();
        rows.Add((row, Encoding.UTF8.GetString(buffer.WrittenSpan)));
    }

    /// <summary>The kept row at <paramref name="index"/> answered <paramref name="label"/> (<paramref name="score"/> as predict gives it); returns its id.</summary>
    public string Answered(int index, string label, double? score)
    {
        var (row, features) = rows[index];
        var id = PredictionIds.ForRow(logging.At, logging.JobId, row);
        batch.Add(new PredictionRecord(logging.Model, id, version, ChunkLogging.Variant, logging.At, features, label, score, null));
        rows[index] = (row, string.Empty);
        Logged++;
        return id;
    }

    public void Dispose() => json?.Dispose();
}
