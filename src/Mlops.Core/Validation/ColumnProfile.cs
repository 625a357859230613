using Mlops.Core.Datasets;

namespace Mlops.Core.Validation;

/// <summary>What one column holds over a set of rows: enough to choose its kind and to judge its quality.</summary>
internal sealed class ColumnProfile
{
    private ColumnProfile(string name, int rows, int missing, HashSet<string> distinct, bool allNumeric, bool allIntegers, string? nonNumericExample)
    {
        Name = name;
        Rows = rows;
        Missing = missing;
        Distinct = distinct;
        AllNumeric = allNumeric;
        AllIntegers = allIntegers;
        NonNumericExample = nonNumericExample;
    }

    public string Name { get; }

    /// <summary>Rows looked at.</summary>
    public int Rows { get; }

    /// <summary>Rows holding one of <see cref="MissingValues.Tokens"/>.</summary>
    public int Missing { get; }

    public int Present => Rows - Missing;

    public double MissingFraction => Rows == 0 ? 0 : (double)Missing / Rows;

    /// <summary>The distinct present values, trimmed.</summary>
    public IReadOnlySet<string> Distinct { get; }

    /// <summary>Every present value parses as a finite number (vacuously true when none is present).</summary>
    public bool AllNumeric { get; }

    /// <summary>Every present value is a whole number.</summary>
    public bool AllIntegers { get; }

    /// <summary>A present value that is not a number, to show in a message.</summary>
    public string? NonNumericExample { get; }

    public static ColumnProfile Of(CsvDataset data, int column, IReadOnlyList<int> rows)
    {
        var missing = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var allNumeric = true;
        var allIntegers = true;
        string? nonNumeric = null;
        foreach (var row in rows)
        {
            var raw = data.Rows[row][column];
            if (MissingValues.IsMissing(raw))
            {
                missing++;
                continue;
            }

            var value = raw.Trim();
            if (!distinct.Add(value))
            {
                // Seen before: its numeric nature is already accounted for.
                continue;
            }

            if (CsvValues.TryParseNumber(value, out var number))
            {
                allIntegers &= number == Math.Floor(number);
            }
            else
            {
                allNumeric = false;
                allIntegers = false;
                nonNumeric ??= value;
            }
        }

        return new ColumnProfile(data.Columns[column], rows.Count, missing, distinct, allNumeric, allIntegers, nonNumeric);
    }
}
