using System.Buffers;
using System.Globalization;
using System.Text;
using Mlops.Core.Datasets;

namespace Mlops.Core.Scoring;

/// <summary>
/// A chunk's output as UTF-8, line by line: the input line, then the cells scoring adds (<see cref="ScoringColumns.Added"/>),
/// numbers as their shortest round-trip text in the invariant culture (what predict answers, digit for digit).
/// </summary>
internal sealed class ScoredLines(DatasetSchema schema, int version, int expectedBytes)
{
    private readonly ArrayBufferWriter<byte> output = new(Math.Max(expectedBytes, 1024));
    private readonly byte[][] classLabels = [.. schema.ClassLabels.Select(Cell)];
    private readonly Dictionary<string, byte[]> labels = schema.ClassLabels.Distinct().ToDictionary(c => c, Cell, StringComparer.Ordinal);
    private readonly byte[] lineEnd = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $",{version}\n"));
    private readonly byte[] versionCell = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $",{version},"));

    public ReadOnlyMemory<byte> Written => output.WrittenMemory;

    public void Input(ReadOnlySpan<byte> line) => output.Write(line);

    /// <summary>The predicted class, by its index in the schema's labels.</summary>
    public void Label(int index) => output.Write(classLabels[index]);

    /// <summary>The predicted class, by its text (a model maps its keys back to the labels it trained on).</summary>
    public void Label(string label)
    {
        if (!labels.TryGetValue(label, out var cell))
        {
            cell = Cell(label);
            labels[label] = cell;
        }

        output.Write(cell);
    }

    public void Number(float value)
    {
        var span = output.GetSpan(33);
        span[0] = (byte)',';
        if (!value.TryFormat(span[1..], out var written, provider: CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A float's text did not fit 32 bytes.");
        }

        output.Advance(written + 1);
    }

    public void EndLine() => output.Write(lineEnd);

    /// <summary>Ends the line with the version and the row's prediction id (hex digits: nothing to quote).</summary>
    public void EndLine(string predictionId)
    {
        output.Write(versionCell);
        var span = output.GetSpan(predictionId.Length + 1);
        var written = Encoding.UTF8.GetBytes(predictionId, span);
        span[written] = (byte)'\n';
        output.Advance(written + 1);
    }

    /// <summary>",label" with the label quoted where CSV needs it.</summary>
    private static byte[] Cell(string label)
    {
        var text = new StringBuilder(",");
        CsvCells.Append(text, label);
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
