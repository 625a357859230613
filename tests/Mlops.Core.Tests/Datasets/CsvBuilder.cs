using System.Globalization;
using System.Text;
using Mlops.Core.Datasets;

namespace Mlops.Core.Tests.Datasets;

/// <summary>Builds a CSV for a test from a header and rows, quoting cells as RFC 4180 requires.</summary>
internal sealed class CsvBuilder
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private readonly string[] header;
    private readonly List<string[]> rows = [];

    private CsvBuilder(string[] header) => this.header = header;

    public static CsvBuilder WithColumns(params string[] columns) => new(columns);

    /// <summary>
    /// A dataset that passes validation: numeric "x", categorical "color", numeric "size" and a yes/no "label".
    /// </summary>
    public static CsvBuilder Typical(int rowCount = 40) =>
        WithColumns("x", "color", "size", "label")
            .Rows(rowCount, i => [Number(i), Colors[i % 3], Number(i % 5 * 1.5), i % 2 == 0 ? "no" : "yes"]);

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    public CsvBuilder Row(params string[] values)
    {
        rows.Add(values);
        return this;
    }

    public CsvBuilder Rows(int count, Func<int, string[]> row)
    {
        for (var i = 0; i < count; i++)
        {
            rows.Add(row(i));
        }

        return this;
    }

    /// <summary>
    /// Adds a column whose value in row i is <paramref name="value"/>(i): last, or just before column
    /// <paramref name="before"/> (e.g. to keep the label last).
    /// </summary>
    public CsvBuilder WithColumn(string name, Func<int, string> value, string? before = null)
    {
        var at = before is null ? header.Length : Array.IndexOf(header, before);
        var builder = new CsvBuilder([.. header[..at], name, .. header[at..]]);
        for (var i = 0; i < rows.Count; i++)
        {
            builder.rows.Add([.. rows[i][..at], value(i), .. rows[i][at..]]);
        }

        return builder;
    }

    /// <summary>Replaces column <paramref name="name"/>'s value in row i by <paramref name="value"/>(i, old value).</summary>
    public CsvBuilder Map(string name, Func<int, string, string> value)
    {
        var column = Array.IndexOf(header, name);
        if (column < 0)
        {
            throw new ArgumentException($"No column '{name}'.", nameof(name));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            rows[i][column] = value(i, rows[i][column]);
        }

        return this;
    }

    /// <summary>Appends exact copies of the rows at <paramref name="indexes"/>.</summary>
    public CsvBuilder AppendCopies(IEnumerable<int> indexes)
    {
        foreach (var index in indexes.ToList())
        {
            rows.Add([.. rows[index]]);
        }

        return this;
    }

    public int RowCount => rows.Count;

    public string ToText(string newline = "\n")
    {
        var text = new StringBuilder();
        foreach (var line in rows.Prepend(header))
        {
            text.AppendJoin(',', line.Select(Quote)).Append(newline);
        }

        return text.ToString();
    }

    public byte[] ToBytes(bool bom = false) => Encode(ToText(), bom);

    public MemoryStream ToStream(bool bom = false) => new(ToBytes(bom));

    /// <summary>The dataset as the reader would hand it over, without reading.</summary>
    public CsvReadResult ToReadResult() => new(new CsvDataset(header, [.. rows]), null);

    public static byte[] Encode(string text, bool bom = false)
    {
        var body = Encoding.UTF8.GetBytes(text);
        return bom ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
